package dev.workitems;

import java.util.List;

/**
 * The outcome of applying an action: the next item and the history events the change appends. An action that changes
 * nothing (a repeated identical decision, D8) has no events and returns the item unchanged.
 *
 * @param item the next item (the same instance when unchanged)
 * @param events the events to append, in order
 */
record Transition(WorkItem item, List<HistoryEvent> events) {

    /** Copies the events. */
    public Transition {
        events = List.copyOf(events);
    }

    /** @return true if the action changed the item and must be stored */
    public boolean changed() {
        return !events.isEmpty();
    }
}
