package dev.workitems.spi;

/**
 * How many items one owner has in each list, read at one moment.
 *
 * @param pending items in state Pending
 * @param completed items in any other state
 */
public record OwnerCounts(long pending, long completed) {

    /** No items. */
    public static final OwnerCounts NONE = new OwnerCounts(0, 0);

    /**
     * @param kind a list
     * @return the count of that list
     */
    public long of(ListKind kind) {
        return kind == ListKind.PENDING ? pending : completed;
    }
}
