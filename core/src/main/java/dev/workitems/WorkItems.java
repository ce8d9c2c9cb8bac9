package dev.workitems;

import dev.workitems.spi.EscalationResolver;
import dev.workitems.spi.ForwardNotifier;
import dev.workitems.spi.IdGenerator;
import dev.workitems.spi.IdentityDirectory;
import dev.workitems.spi.OperationObserver;
import dev.workitems.spi.TimerNotifier;
import dev.workitems.spi.WorkItemGuard;
import dev.workitems.spi.WorkItemListener;
import dev.workitems.spi.WorkItemRepository;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The library's entry point: the 13 operations of the V2024 Work Items API, each taking the caller first, and the
 * host-side operations the API does not show (create, return, expire, cancel, reschedule, history, the sweep of timers,
 * the event feed). Build one with {@link #builder()}. Implementations are thread-safe.
 *
 * <p>Every method checks its input first ({@link InvalidRequestException}), then finds the item
 * ({@link NotFoundException}), then asks the {@link AuthorizationPolicy} ({@link ForbiddenException}), then applies the
 * state machine ({@link ConflictException} on a wrong state), then asks the host's guards
 * ({@link dev.workitems.spi.WorkItemGuard}), then stores the change with its history, which is also its entry in the
 * event feed ({@link #feed}), and tells the listeners ({@link dev.workitems.spi.WorkItemListener}). A call that fails
 * changes nothing. A lost race with a concurrent writer is retried; after {@code maxAttempts} lost races the call fails
 * with a conflict.
 */
public interface WorkItems {

    /**
     * Lists pending items of the caller, or of {@code query.ownerId()} (admin required unless it is the caller).
     *
     * @param caller who asks
     * @param query owner, limit, offset, count
     * @return the page (with the total when {@code query.count()})
     * @throws ForbiddenException if the caller may not read that owner's items
     */
    Page<WorkItem> listPending(Caller caller, ListQuery query);

    /**
     * Lists completed items (every state but Pending) of the caller or of an owner.
     *
     * @param caller who asks
     * @param query owner, limit, offset, count
     * @return the page (with the total when {@code query.count()})
     * @throws ForbiddenException if the caller may not read that owner's items
     */
    Page<WorkItem> listCompleted(Caller caller, ListQuery query);

    /**
     * @param caller who asks
     * @param ownerId whose items; null for the caller's own
     * @return the number of pending items
     * @throws ForbiddenException if the caller may not read that owner's items
     */
    WorkItemCount countPending(Caller caller, String ownerId);

    /**
     * @param caller who asks
     * @param ownerId whose items; null for the caller's own
     * @return the number of completed items
     * @throws ForbiddenException if the caller may not read that owner's items
     */
    WorkItemCount countCompleted(Caller caller, String ownerId);

    /**
     * @param caller who asks
     * @param ownerId whose items; null for the caller's own
     * @return open, completed and total, read at one moment
     * @throws ForbiddenException if the caller may not read that owner's items
     */
    WorkItemSummary summary(Caller caller, String ownerId);

    /**
     * @param caller who asks
     * @param id the work item id
     * @return the item
     * @throws NotFoundException if no item has that id
     * @throws ForbiddenException if the caller may not see it
     */
    WorkItem get(Caller caller, String id);

    /**
     * Completes a pending item ({@code Finished}); completing a finished item again returns it unchanged (D8, D9).
     *
     * @param caller who asks
     * @param id the work item id
     * @return the item after the call
     * @throws NotFoundException if no item has that id
     * @throws ForbiddenException if the caller may not act on it
     * @throws ConflictException if it is neither Pending nor Finished
     */
    WorkItem complete(Caller caller, String id);

    /**
     * Approves one approval item (its state becomes {@code Finished}); repeating it changes nothing (D7, D8).
     *
     * @param caller who asks
     * @param id the work item id
     * @param approvalItemId the approval item id
     * @return the item after the call
     * @throws NotFoundException if the work item or the approval item is unknown
     * @throws ForbiddenException if the caller may not act on it
     * @throws ConflictException if the item is not Pending or the approval item was rejected
     */
    WorkItem approve(Caller caller, String id, String approvalItemId);

    /**
     * Rejects one approval item (its state becomes {@code Rejected}); repeating it changes nothing (D7, D8).
     *
     * @param caller who asks
     * @param id the work item id
     * @param approvalItemId the approval item id
     * @return the item after the call
     * @throws NotFoundException if the work item or the approval item is unknown
     * @throws ForbiddenException if the caller may not act on it
     * @throws ConflictException if the item is not Pending or the approval item was approved
     */
    WorkItem reject(Caller caller, String id, String approvalItemId);

    /**
     * Approves every undecided approval item, leaving decided ones alone (D7).
     *
     * @param caller who asks
     * @param id the work item id
     * @return the item after the call (unchanged when nothing was left to decide)
     * @throws NotFoundException if no item has that id
     * @throws ForbiddenException if the caller may not act on it
     * @throws ConflictException if something is left to decide but the item is not Pending
     */
    WorkItem bulkApprove(Caller caller, String id);

    /**
     * Rejects every undecided approval item, leaving decided ones alone (D7).
     *
     * @param caller who asks
     * @param id the work item id
     * @return the item after the call (unchanged when nothing was left to decide)
     * @throws NotFoundException if no item has that id
     * @throws ForbiddenException if the caller may not act on it
     * @throws ConflictException if something is left to decide but the item is not Pending
     */
    WorkItem bulkReject(Caller caller, String id);

    /**
     * Forwards a pending item to another identity (D11). The comment and both owners go into the history; the notifier
     * is called after the change is stored when {@code request.sendNotifications()}.
     *
     * @param caller who asks (the owner, an admin or a forward role)
     * @param id the work item id
     * @param request target, comment, notification flag
     * @throws InvalidRequestException if the target is unknown ({@code 400.1.404}) or is the current owner
     * @throws NotFoundException if no item has that id
     * @throws ForbiddenException if the caller may not forward it
     * @throws ConflictException if the item is not Pending
     */
    void forward(Caller caller, String id, ForwardRequest request);

    /**
     * Stores an account selection on a pending item that carries a form, then finishes it (D10).
     *
     * @param caller who asks
     * @param id the work item id
     * @param selection the selection, keyed on field name; JSON-shaped values
     * @return the item after the call
     * @throws InvalidRequestException if the selection is missing or the item has no form
     * @throws NotFoundException if no item has that id
     * @throws ForbiddenException if the caller may not act on it
     * @throws ConflictException if the item is not Pending
     */
    WorkItem submitAccountSelection(Caller caller, String id, Map<String, ?> selection);

    /**
     * Creates a pending work item (host side). Its {@code CREATED} event names the requester as actor, or
     * {@code system} when there is none.
     *
     * @param request what to create
     * @return the stored item (version 1)
     * @throws InvalidRequestException if the owner or requester is unknown ({@code 400.1.404}) or the id is taken
     */
    WorkItem create(NewWorkItem request);

    /**
     * Returns a pending item (host side, D15): state {@code Returned}, listed as completed.
     *
     * @param actorId who returns it
     * @param id the work item id
     * @param reason why, kept in the history
     * @return the item after the call; unchanged if it was already Returned
     * @throws NotFoundException if no item has that id
     * @throws ConflictException if it is in another completed state
     */
    WorkItem returnItem(String actorId, String id, String reason);

    /**
     * Expires a pending item (host side, D15): state {@code Expired}.
     *
     * @param actorId who expires it
     * @param id the work item id
     * @param reason why, kept in the history
     * @return the item after the call; unchanged if it was already Expired
     * @throws NotFoundException if no item has that id
     * @throws ConflictException if it is in another completed state
     */
    WorkItem expire(String actorId, String id, String reason);

    /**
     * Cancels a pending item (host side, D15): state {@code Canceled}.
     *
     * @param actorId who cancels it
     * @param id the work item id
     * @param reason why, kept in the history
     * @return the item after the call; unchanged if it was already Canceled
     * @throws NotFoundException if no item has that id
     * @throws ConflictException if it is in another completed state
     */
    WorkItem cancel(String actorId, String id, String reason);

    /**
     * Replaces a pending item's timers (host side): a new deadline, other reminders or steps, or none. How far the old
     * timers ran is kept: reminders already sent count toward the new maximum, and the first {@link Timers#stepsDone()}
     * steps count as run, so keep those in place to change the ones still to come. Appends a
     * {@link HistoryAction#RESCHEDULED} event.
     *
     * @param actorId who changes them
     * @param id the work item id
     * @param timers the new timers ({@code due} or {@code dueAfter}, counted from the item's creation), or null or
     *     {@link Timers#NONE} for none
     * @return the item after the call; unchanged if it already had these timers
     * @throws InvalidRequestException if the deadline is not in the future, the steps are out of order, or a step names
     *     an unknown identity ({@code 400.1.404})
     * @throws NotFoundException if no item has that id
     * @throws ConflictException if the item is not Pending
     */
    WorkItem reschedule(String actorId, String id, Timers timers);

    /**
     * Applies everything due at the clock's current time: each reminder and each escalation step that has fallen due on
     * a Pending item, in time order, each as its own change with the version check, its history event and its feed
     * event, then its notification ({@link dev.workitems.spi.TimerNotifier}). Finds the items through the store's index
     * ({@link dev.workitems.spi.WorkItemRepository#findDue}), so a sweep costs what is due, not what is stored.
     *
     * <p>Safe to call from several host instances at once on one store: of two instances applying the same step, one
     * stores it and the other finds it done. An item whose step fails (a guard refuses it, the resolver throws) keeps
     * it due for the next sweep; the others go on. Schedule it yourself, or start a {@link TimerRunner}.
     *
     * @return what the sweep did
     * @throws StorageFailureException if the store cannot be read
     */
    SweepResult sweep();

    /**
     * Reads an item's history, oldest first; the caller needs the same right as to read the item.
     *
     * @param caller who asks
     * @param id the work item id
     * @return every event of the item
     * @throws NotFoundException if no item has that id
     * @throws ForbiddenException if the caller may not see it
     */
    List<HistoryEvent> history(Caller caller, String id);

    /**
     * Reads the event feed (host side): every change stored through any service instance on this store, one event per
     * history entry, in feed order. A host that keeps the position of the last event it handled, and asks for the
     * events after it, sees every change once, in order, without skipping any (see {@link FeedEvent}).
     *
     * @param afterPosition the position read last; 0 to read from the start
     * @param limit at most how many events, 1..10,000
     * @return the events after that position, oldest first; empty when there are none yet
     * @throws InvalidRequestException if the position is negative or the limit out of range
     */
    List<FeedEvent> feed(long afterPosition, int limit);

    /**
     * Durable subscriptions to the feed (see {@link Subscriptions}), kept in the store beside the items.
     *
     * @return this instance's subscriptions (one object per service instance)
     * @throws IllegalStateException if the store keeps no subscriptions (does not implement
     *     {@link dev.workitems.spi.SubscriptionStore})
     */
    Subscriptions subscriptions();

    /**
     * Work Reassignment: standing out-of-office rules (see {@link Reassignments}), kept in the store beside the items.
     *
     * @return this instance's reassignment operations
     * @throws IllegalStateException if the store keeps no rules (does not implement
     *     {@link dev.workitems.spi.ReassignmentStore})
     */
    Reassignments reassignments();

    /** @return a builder; {@link Builder#storage} and {@link Builder#identities} are required */
    static Builder builder() {
        return new Builder();
    }

    /** Configures a {@link WorkItems}. Each setter checks its value at once. Not thread-safe. */
    final class Builder {
        // Read by the service it builds (same package); set only through the checked setters below.
        WorkItemRepository storage;
        IdentityDirectory identities;
        Clock clock = Clock.systemUTC();
        IdGenerator ids = IdGenerator.randomUuid();
        AuthorizationPolicy policy = AuthorizationPolicy.standard();
        ForwardNotifier notifier = ForwardNotifier.logging();
        LifecycleOptions options = LifecycleOptions.DEFAULTS;
        int maxAttempts = 16;
        Integer itemCache;
        final List<WorkItemGuard> guards = new java.util.ArrayList<>();
        final List<WorkItemListener> listeners = new java.util.ArrayList<>();
        java.util.concurrent.Executor listenerExecutor;
        String instanceId;
        final Map<WorkItemType, Timers> defaultTimers = new java.util.EnumMap<>(WorkItemType.class);
        EscalationResolver resolver = EscalationResolver.nobody();
        TimerNotifier timerNotifier = TimerNotifier.logging();
        int sweepBatch = 200;
        OperationObserver observer = OperationObserver.NONE;
        java.util.function.Function<WorkItemType, ReassignmentConfigType> reassignmentTypes =
                ReassignmentConfigType::of;

        private Builder() {}

        /**
         * @param v which reassignment config type covers each work item type (default: R1,
         *     {@link ReassignmentConfigType#of})
         * @return this
         */
        public Builder reassignmentTypes(java.util.function.Function<WorkItemType, ReassignmentConfigType> v) {
            reassignmentTypes = Objects.requireNonNull(v, "reassignmentTypes");
            return this;
        }

        /**
         * Timers every new item of a type gets unless its request names its own ({@link NewWorkItem#timers()}, where
         * {@link Timers#NONE} means none). For example every Approval item: remind after 48 hours, then daily, and
         * expire after 30 days.
         *
         * @param type the item type
         * @param timers the timers, with the deadline (if any) as {@link Timers#dueAfter()}
         * @return this
         * @throws InvalidRequestException if the timers give the deadline as an instant
         */
        public Builder defaultTimers(WorkItemType type, Timers timers) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(timers, "timers");
            if (timers.due() != null) {
                throw new InvalidRequestException(
                        "default timers give the deadline as timers.dueAfter, a time after creation", "timers.due");
            }
            defaultTimers.put(type, timers);
            return this;
        }

        /** @param v names whom steps without an identity notify or reassign to (default: nobody) @return this */
        public Builder escalationResolver(EscalationResolver v) {
            resolver = Objects.requireNonNull(v, "escalationResolver");
            return this;
        }

        /**
         * @param v told after each stored reminder and escalation that tells someone (default: logging) @return this
         */
        public Builder timerNotifier(TimerNotifier v) {
            timerNotifier = Objects.requireNonNull(v, "timerNotifier");
            return this;
        }

        /**
         * @param v how many due items a sweep reads from the store at a time (default 200), 1..10,000
         * @return this
         */
        public Builder sweepBatch(int v) {
            if (v < 1 || v > dev.workitems.spi.DueQuery.MAX_LIMIT) {
                throw new IllegalArgumentException("sweepBatch must be 1..10000");
            }
            sweepBatch = v;
            return this;
        }

        /** @param v where items live @return this */
        public Builder storage(WorkItemRepository v) {
            storage = Objects.requireNonNull(v, "storage");
            return this;
        }
        /** @param v who the identities are (D16) @return this */
        public Builder identities(IdentityDirectory v) {
            identities = Objects.requireNonNull(v, "identities");
            return this;
        }
        /** @param v the time source (default: the UTC system clock) @return this */
        public Builder clock(Clock v) {
            clock = Objects.requireNonNull(v, "clock");
            return this;
        }
        /** @param v the id source (default: random UUIDs without dashes) @return this */
        public Builder ids(IdGenerator v) {
            ids = Objects.requireNonNull(v, "ids");
            return this;
        }
        /** @param v who may do what (default: {@link AuthorizationPolicy#standard()}) @return this */
        public Builder policy(AuthorizationPolicy v) {
            policy = Objects.requireNonNull(v, "policy");
            return this;
        }
        /** @param v called after a stored forward that asked for it (default: logging) @return this */
        public Builder notifier(ForwardNotifier v) {
            notifier = Objects.requireNonNull(v, "notifier");
            return this;
        }
        /** @param v the lifecycle choices D6 and D10 (default: {@link LifecycleOptions#DEFAULTS}) @return this */
        public Builder options(LifecycleOptions v) {
            options = Objects.requireNonNull(v, "options");
            return this;
        }

        /**
         * @param v how many times a write is tried against concurrent writers before a conflict is reported (default
         *     16)
         * @return this
         */
        public Builder maxAttempts(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            maxAttempts = v;
            return this;
        }

        /**
         * How many recently seen items (created, read, listed or changed through this service) are kept so that a write
         * can start from them instead of reading the item first: on a database store a write is then one round trip
         * instead of two. A remembered item is only a starting point: the write is stored with a version check, and if
         * another writer (another host instance, say) changed the item meanwhile, or the remembered item refuses the
         * action, the item is read again and the action decided again on what is stored. Reads ({@code get}, lists)
         * always go to the store. 0 turns it off.
         *
         * @param maxItems the most items kept (default: 10,000 if the store's reads are costly, see
         *     {@link WorkItemRepository#readsAreCostly()}, else 0)
         * @return this
         */
        public Builder itemCache(int maxItems) {
            if (maxItems < 0) {
                throw new IllegalArgumentException("itemCache must not be negative");
            }
            itemCache = maxItems;
            return this;
        }

        /**
         * Adds a check that runs before every change is stored and may refuse it (see {@link WorkItemGuard}); guards
         * run in the order added, and the first refusal wins.
         *
         * @param v the guard
         * @return this
         */
        public Builder guard(WorkItemGuard v) {
            guards.add(Objects.requireNonNull(v, "guard"));
            return this;
        }

        /**
         * Adds a listener told after every change this instance stores (see {@link WorkItemListener}: in process, best
         * effort, off the caller's thread); listeners are told in the order added.
         *
         * @param v the listener
         * @return this
         */
        public Builder listener(WorkItemListener v) {
            listeners.add(Objects.requireNonNull(v, "listener"));
            return this;
        }

        /**
         * @param v where listeners run (default: one daemon thread per service, queueing up to 10,000 changes; a change
         *     that finds the queue full is dropped and logged). An executor with several threads tells changes out of
         *     order.
         * @return this
         */
        public Builder listenerExecutor(java.util.concurrent.Executor v) {
            listenerExecutor = Objects.requireNonNull(v, "listenerExecutor");
            return this;
        }

        /**
         * Names this host instance in subscription leases (default: a random name per service). Give each host process
         * a stable name of its own (its host or pod name) so that, restarted, it resumes the subscriptions it held at
         * once instead of waiting for its old lease to run out. Two live instances must never share a name: both would
         * deliver.
         *
         * @param v the name
         * @return this
         */
        public Builder instanceId(String v) {
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException("instanceId must not be blank");
            }
            instanceId = v;
            return this;
        }

        /**
         * @return the service
         * @throws IllegalStateException if storage or identities is missing
         */
        public WorkItems build() {
            if (storage == null || identities == null) {
                throw new IllegalStateException("storage and identities are required");
            }
            WorkItemService service = new WorkItemService(this);
            return observer == OperationObserver.NONE ? service : new ObservedWorkItems(service, observer);
        }

        /**
         * @param v watches each operation (its time and outcome), each retried lost race and each item-cache lookup,
         *     for metrics and tracing (default: nothing; {@code workitems-micrometer} has one for Micrometer)
         * @return this
         */
        public Builder observer(OperationObserver v) {
            observer = Objects.requireNonNull(v, "observer");
            return this;
        }
    }
}
