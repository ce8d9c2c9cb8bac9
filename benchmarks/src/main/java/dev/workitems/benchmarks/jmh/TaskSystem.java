package dev.workitems.benchmarks.jmh;

/**
 * One system under test, doing the same work as the others: tasks with three approval items each, owned by identities.
 * Implementations are thread-safe (the harness also runs them from several client threads).
 */
interface TaskSystem extends AutoCloseable {

    /** @param owner the owner @return the new task's id and its first approval item's id */
    String[] create(String owner);

    /** @param id a task id @return the task, with its approval items */
    Object get(String id);

    /**
     * @param owner whose @param offset skip @param limit at most @return how many tasks were read, with their approval
     *     items
     */
    int page(String owner, int offset, int limit);

    /** @param owner whose @return the number of pending tasks */
    long count(String owner);

    /** @param owner whose @return pending and completed counts */
    long[] summary(String owner);

    /** @param id a pending task */
    void complete(String id);

    /** @param id a pending task @param newOwner another identity */
    void forward(String id, String newOwner);

    /** @param id a pending task @param approvalId its first approval item */
    void approve(String id, String approvalId);

    /** @param id a pending task whose approval items are all pending: approves them all in one call */
    void approveAll(String id);

    /**
     * @param operation an operation name of the harness ({@code pageAfter}, {@code create}, ...)
     * @return whether this system offers it (a floor made for one comparison offers only that one)
     */
    default boolean supports(String operation) {
        return !operation.equals("pageAfter");
    }

    /**
     * Keyset paging, for systems that have it: a position to start after.
     *
     * @param owner whose list @param offset how many items precede the position's page
     * @return the position just before the item at {@code offset}
     */
    default Object positionAt(String owner, int offset) {
        throw new IllegalStateException(getClass().getSimpleName() + " has no keyset paging");
    }

    /** @param owner whose @param position from {@link #positionAt} @param limit at most @return how many were read */
    default int pageAfter(String owner, Object position, int limit) {
        throw new IllegalStateException(getClass().getSimpleName() + " has no keyset paging");
    }

    /**
     * Loads n pending tasks: half for {@code heavy}, the rest spread over {@code owners} other identities.
     *
     * @param n how many
     * @param heavy the owner whose lists are paged
     * @param owners how many other owners
     */
    void load(int n, String heavy, int owners);

    @Override
    void close();
}
