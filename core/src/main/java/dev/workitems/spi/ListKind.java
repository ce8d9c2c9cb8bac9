package dev.workitems.spi;

import dev.workitems.WorkItemState;

/** The two lists of an owner (D1): pending items, and completed items (every other state). */
public enum ListKind {
    PENDING,
    COMPLETED;

    /**
     * @param state a work item state
     * @return the list an item in that state belongs to
     */
    public static ListKind of(WorkItemState state) {
        return state == WorkItemState.PENDING ? PENDING : COMPLETED;
    }
}
