package dev.workitems;

import java.util.List;
import java.util.Objects;

/**
 * One change of one work item: the item before and after, and the history events it appends. A
 * {@link dev.workitems.spi.WorkItemGuard} sees it before it is stored, a {@link dev.workitems.spi.WorkItemListener}
 * after.
 *
 * @param caller who asked, for the V2024 operations; null for the host-side ones (create, return, expire, cancel,
 *     reschedule) and for the changes of a timer sweep, whose actor is in the events ({@code timer} for a sweep)
 * @param before the item as stored before the change; null for a create
 * @param after the item as the change stores it (version = before's + 1, or 1)
 * @param events the history events the change appends, in order; at least one
 */
public record WorkItemChange(Caller caller, WorkItem before, WorkItem after, List<HistoryEvent> events) {

    /** @throws IllegalArgumentException if there is no item after or no event */
    public WorkItemChange {
        Objects.requireNonNull(after, "after");
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a change appends at least one event");
        }
    }

    /** @return true if the change creates the item */
    public boolean isCreate() {
        return before == null;
    }

    /** @return true if any event of the change records this action */
    public boolean has(HistoryAction action) {
        for (HistoryEvent e : events) {
            if (e.action() == action) {
                return true;
            }
        }
        return false;
    }
}
