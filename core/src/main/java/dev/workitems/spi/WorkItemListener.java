package dev.workitems.spi;

import dev.workitems.WorkItemChange;

/**
 * Told about each change after it is stored, in process and best effort: a change made while the host process dies, or
 * while listeners are far behind, may never be told (use the feed, {@code WorkItems.feed}, when every change must be
 * handled). Listeners run on the service's listener executor (by default one daemon thread per service instance), one
 * change at a time in the order this instance stored them, never on the caller's thread, so a slow listener never
 * blocks a caller; it delays only the listeners after it. A listener that throws is logged; the change stays stored and
 * the next listener and change are told as usual. Only changes made through this service instance are told.
 */
@FunctionalInterface
public interface WorkItemListener {

    /** @param change the change, as stored */
    void changed(WorkItemChange change);
}
