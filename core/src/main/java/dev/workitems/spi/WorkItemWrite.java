package dev.workitems.spi;

import dev.workitems.HistoryEvent;
import dev.workitems.WorkItem;

import java.util.List;
import java.util.Objects;

/**
 * One atomic write: the new state of an item and the history events that the change appends. For an insert
 * the item has version 1; for an update the stored version must be {@link #expectedVersion()}.
 *
 * @param item   the item as it must be stored
 * @param events the events to append, in order; every event names this item and its version
 */
public record WorkItemWrite(WorkItem item, List<HistoryEvent> events) {

    /** @throws IllegalArgumentException if an event belongs to another item or version */
    public WorkItemWrite {
        Objects.requireNonNull(item, "item");
        events = List.copyOf(events);
        for (HistoryEvent e : events) {
            if (!e.workItemId().equals(item.id()) || e.itemVersion() != item.version()) {
                throw new IllegalArgumentException("event " + e + " does not belong to " + item.id() + " v" + item.version());
            }
        }
    }

    /** @return the version the stored item must have for an update to apply */
    public long expectedVersion() {
        return item.version() - 1;
    }
}
