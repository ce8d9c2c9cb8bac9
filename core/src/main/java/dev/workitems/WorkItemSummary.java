package dev.workitems;

/**
 * An owner's open and completed numbers ({@code WorkItemsSummary}); {@code total = open + completed} (D1).
 *
 * @param open pending items
 * @param completed items in any other state
 * @param total open plus completed
 */
public record WorkItemSummary(long open, long completed, long total) {

    /** @throws IllegalArgumentException if total is not open + completed */
    public WorkItemSummary {
        if (total != open + completed || open < 0 || completed < 0) {
            throw new IllegalArgumentException("inconsistent summary: " + open + " + " + completed + " != " + total);
        }
    }

    /**
     * @param open pending items
     * @param completed completed items
     * @return the summary
     */
    public static WorkItemSummary of(long open, long completed) {
        return new WorkItemSummary(open, completed, open + completed);
    }
}
