package dev.workitems.benchmarks.jmh;

/**
 * One system under test, doing the same work as the others: tasks with three approval items each, owned by
 * identities. Implementations are not thread-safe unless they say so.
 */
interface TaskSystem extends AutoCloseable {

    /** @param owner the owner @return the new task's id and its first approval item's id */
    String[] create(String owner);

    /** @param id a task id @return the task, with its approval items */
    Object get(String id);

    /** @param owner whose @param offset skip @param limit at most @return how many tasks were read, with their approval items */
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
