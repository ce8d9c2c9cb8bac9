package dev.workitems.spi;

import dev.workitems.HistoryEvent;
import dev.workitems.WorkItem;
import java.util.List;
import java.util.Objects;

/**
 * One atomic write: the new state of an item and the history events that the change appends. For an insert the item has
 * version 1; for an update the stored version must be {@link #expectedVersion()}.
 *
 * <p>An update may carry {@code previous}, the item as the writer read it at the expected version. A store may use it
 * instead of reading the row again (for example to move per-owner counters): if its version check succeeds, the stored
 * row was exactly {@code previous}, so a store may also write only the fields that differ between the two. A writer
 * that passes {@code previous} must pass the item exactly as it was stored at that version. Stores may ignore it.
 *
 * @param item the item as it must be stored
 * @param events the events to append, in order; every event names this item and its version
 * @param previous for an update, the item as read at the expected version; null when unknown or for an insert
 */
public record WorkItemWrite(WorkItem item, List<HistoryEvent> events, WorkItem previous) {

    /**
     * @throws IllegalArgumentException if an event belongs to another item or version, or previous does not precede
     *     item
     */
    public WorkItemWrite {
        Objects.requireNonNull(item, "item");
        events = List.copyOf(events);
        for (HistoryEvent e : events) {
            if (!e.workItemId().equals(item.id()) || e.itemVersion() != item.version()) {
                throw new IllegalArgumentException(
                        "event " + e + " does not belong to " + item.id() + " v" + item.version());
            }
        }
        if (previous != null && (!previous.id().equals(item.id()) || previous.version() != item.version() - 1)) {
            throw new IllegalArgumentException("previous must be " + item.id() + " v" + (item.version() - 1));
        }
    }

    /**
     * @param item the item as it must be stored
     * @param events the events to append
     */
    public WorkItemWrite(WorkItem item, List<HistoryEvent> events) {
        this(item, events, null);
    }

    /** @return the version the stored item must have for an update to apply */
    public long expectedVersion() {
        return item.version() - 1;
    }
}
