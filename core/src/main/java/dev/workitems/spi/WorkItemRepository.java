package dev.workitems.spi;

import dev.workitems.FeedEvent;
import dev.workitems.HistoryEvent;
import dev.workitems.StorageFailureException;
import dev.workitems.WorkItem;
import java.util.List;
import java.util.Optional;

/**
 * Where work items live. Each method is atomic on its own, and implementations must be thread-safe. Items are immutable
 * values; an implementation may keep the instances it is given. The kit in {@code workitems-testkit} checks every rule
 * written here; run it against your implementation.
 *
 * <p>Optimistic concurrency is part of the contract: an update applies only if the stored version is the one the writer
 * read, so that of two concurrent writers one loses and retries instead of overwriting the other.
 *
 * <p>Failures of the storage itself are reported as {@link StorageFailureException}; any other runtime exception is
 * wrapped into one by the service.
 */
public interface WorkItemRepository {

    /**
     * Stores a new item (version 1) with its first history events.
     *
     * @param write the item and its events
     * @return true if stored; false, with nothing written, if an item with that id already exists
     * @throws dev.workitems.ConflictException with {@code isLostRace()}, nothing written, if the storage rolled the
     *     insert back for a reason a retry can clear (a deadlock, a busy database): the service retries it as it
     *     retries a lost race, with the same back-off and attempts; a store does not retry on its own
     * @throws StorageFailureException if the storage fails
     */
    boolean insert(WorkItemWrite write);

    /**
     * @param id the item id; any string (ids are opaque)
     * @return the stored item, or empty
     * @throws StorageFailureException if the storage fails
     */
    Optional<WorkItem> findById(String id);

    /**
     * Replaces an item and appends its events, if and only if the stored version is
     * {@link WorkItemWrite#expectedVersion()}; the item may move between owners and lists.
     *
     * @param write the new state of the item (version = stored version + 1) and its events
     * @return true if applied; false, with nothing written, if the item is gone or its version differs (a lost race),
     *     or if the storage rolled the change back for a reason a retry can clear (a deadlock, a busy database): the
     *     service reads the item again and retries, with back-off; a store does not retry on its own
     * @throws StorageFailureException if the storage fails
     */
    boolean update(WorkItemWrite write);

    /**
     * @param query owner, list, offset and limit
     * @return the page, ordered by {@code created} then {@code id}, ascending; empty for an unknown owner
     * @throws StorageFailureException if the storage fails
     */
    List<WorkItem> findPage(PageQuery query);

    /**
     * Counts one owner's items without reading them. The counts always agree with {@link #findPage}.
     *
     * @param ownerId the owner
     * @return pending and completed counts, read at one moment; zero for an unknown owner
     * @throws StorageFailureException if the storage fails
     */
    OwnerCounts counts(String ownerId);

    /**
     * @param workItemId the item id
     * @return every event appended for the item, oldest first; empty for an unknown item
     * @throws StorageFailureException if the storage fails
     */
    List<HistoryEvent> history(String workItemId);

    /**
     * Finds the items a sweep must act on (see {@link DueQuery}): Pending items whose {@link WorkItem#timerDue()} is at
     * or before {@code query.now()}, ordered by that time then id, after the query's position. The store keeps that
     * time in an index as it stores items, so this reads only the items due.
     *
     * @param query the time, the position after which to read, and how many
     * @return the items, in (timer due, id) order; empty when nothing more is due
     * @throws StorageFailureException if the storage fails
     */
    List<WorkItem> findDue(DueQuery query);

    /**
     * Reads the event feed: one {@link FeedEvent} per history event stored by {@link #insert} and {@link #update}, with
     * the item's type, and its owner and state before and after the change the event belongs to.
     *
     * <p>Positions are unique and increase in the order readers can see events: once any call has returned the event at
     * position {@code p}, no call may later return an event below {@code p} that it did not return before. A store
     * whose transactions can commit in another order than the one in which they took a number (a database sequence)
     * must therefore give positions at read time, or otherwise hold back events that might still have company below
     * them. The events of one item are in version order.
     *
     * @param query the position read last, and how many to return
     * @return the events after {@code query.after()}, in position order; empty when there are none yet
     * @throws StorageFailureException if the storage fails
     */
    List<FeedEvent> feed(FeedQuery query);

    /**
     * Whether the calling thread is inside a transaction the host owns (see the JDBC store's {@code inHostTransaction}
     * and {@code HostTransactions}). The service then remembers no item it writes, since the host may still roll back,
     * and hands what it would do after the change to {@link #afterHostCommit}.
     *
     * @return true inside a host's transaction (default false: every call commits on its own)
     */
    default boolean inHostTransaction() {
        return false;
    }

    /**
     * Called by the service, while {@link #inHostTransaction()} is true, with what to do once the change it just stored
     * is committed (tell the listeners, wake this instance's subscriptions). A store that learns of the host's commit
     * runs {@code action} then, and never if the host rolls back; a store that cannot learn of it drops the action (the
     * default): the feed and the subscriptions still see the change once it is committed.
     *
     * @param action what to run after the host's commit; it does not throw
     */
    default void afterHostCommit(Runnable action) {}

    /**
     * Whether the service should remember recently seen items and start writes from them (see
     * {@code WorkItems.Builder.itemCache}). True for stores whose reads cost a database call, so that a write is one
     * call instead of a read and a write; an in-process store answers {@link #findById} as fast as a cache would.
     * Correctness never depends on it: a write from a remembered item applies only if that version is still stored.
     *
     * @return true if reads are expensive enough to be worth remembering items (default false)
     */
    default boolean readsAreCostly() {
        return false;
    }

    /**
     * Called once by each service built on this store (when its item cache is on) with the items it remembers. A store
     * that decodes rows may answer a row with the known item of the same id and version instead of decoding it (see
     * {@link KnownItems}); one that keeps items as they are (the default) ignores it. The store keeps the last one
     * given: any service's known items are true of every service on the same store, so which one it consults changes
     * only speed, never an answer.
     *
     * @param known the service's items
     */
    default void recallFrom(KnownItems known) {}
}
