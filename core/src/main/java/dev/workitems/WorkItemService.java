package dev.workitems;

import static dev.workitems.Checks.notBlank;
import static dev.workitems.Checks.notNull;

import dev.workitems.spi.DueQuery;
import dev.workitems.spi.EscalationResolver;
import dev.workitems.spi.FeedQuery;
import dev.workitems.spi.ForwardNotification;
import dev.workitems.spi.ForwardNotifier;
import dev.workitems.spi.IdGenerator;
import dev.workitems.spi.Identity;
import dev.workitems.spi.IdentityDirectory;
import dev.workitems.spi.ListKind;
import dev.workitems.spi.OwnerCounts;
import dev.workitems.spi.PageQuery;
import dev.workitems.spi.SubscriptionStore;
import dev.workitems.spi.TimerNotification;
import dev.workitems.spi.TimerNotifier;
import dev.workitems.spi.WorkItemGuard;
import dev.workitems.spi.WorkItemRepository;
import dev.workitems.spi.WorkItemWrite;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;

/** The {@link WorkItems} implementation: checks, policy, the state machine and optimistic retries over the SPI. */
final class WorkItemService implements WorkItems {
    private static final System.Logger LOG = System.getLogger(WorkItemService.class.getName());
    private static final String SYSTEM_ACTOR = "system";
    /** The actor of every change the item's clock makes. */
    static final String TIMER_ACTOR = "timer";

    private final WorkItemRepository storage;
    private final IdentityDirectory identities;
    private final Clock clock;
    private final IdGenerator ids;
    private final AuthorizationPolicy policy;
    private final ForwardNotifier notifier;
    private final LifecycleOptions options;
    private final int maxAttempts;
    private final dev.workitems.spi.OperationObserver observer;
    private final ItemCache cache;
    /** The lists of the pages last remembered, by identity (see {@link #rememberPage}). */
    private final AtomicReferenceArray<List<WorkItem>> rememberedPages = new AtomicReferenceArray<>(16);

    private final List<WorkItemGuard> guards;
    private final Listeners listeners;
    private final SubscriptionService subscriptions;
    private final Map<WorkItemType, Timers> defaultTimers;
    private final EscalationResolver resolver;
    private final TimerNotifier timerNotifier;
    private final int sweepBatch;
    private final ReassignmentService reassignments;

    /** @param b the settings, each checked by its setter */
    WorkItemService(WorkItems.Builder b) {
        this.storage = b.storage;
        this.identities = b.identities;
        this.clock = b.clock;
        this.ids = b.ids;
        this.policy = b.policy;
        this.notifier = b.notifier;
        this.options = b.options;
        this.maxAttempts = b.maxAttempts;
        this.observer = b.observer;
        int cacheSize = b.itemCache != null ? b.itemCache : storage.readsAreCostly() ? 10_000 : 0;
        this.cache = cacheSize > 0 ? new ItemCache(cacheSize) : null;
        if (cache != null) {
            storage.recallFrom(cache);
        }
        this.guards = List.copyOf(b.guards);
        this.listeners = new Listeners(b.listeners, b.listenerExecutor);
        this.subscriptions =
                storage instanceof SubscriptionStore s ? new SubscriptionService(this, s, clock, b.instanceId) : null;
        this.defaultTimers = Map.copyOf(b.defaultTimers);
        this.resolver = b.resolver;
        this.timerNotifier = b.timerNotifier;
        this.sweepBatch = b.sweepBatch;
        this.reassignments = storage instanceof dev.workitems.spi.ReassignmentStore r
                ? new ReassignmentService(r, identities, clock, policy, b.reassignmentTypes, this::move, storage)
                : null;
    }

    @Override
    public Reassignments reassignments() {
        if (reassignments == null) {
            throw new IllegalStateException(
                    "the store " + storage + " keeps no reassignment rules (it does not implement ReassignmentStore)");
        }
        return reassignments;
    }

    /**
     * Where a rule sends an item given to {@code ownerId} (R2-R4), as the change's last event; null when no rule acts.
     */
    private Reassigned reassign(
            String itemId, long version, WorkItemType type, String requesterId, String ownerId, Instant now) {
        if (reassignments == null) {
            return null;
        }
        ReassignmentConfigType configType = reassignments.configTypeOf(type);
        ReassignmentEvaluation ev = reassignments.chain(ownerId, configType, requesterId, now);
        if (ev.lookupTrail().isEmpty()) {
            return null;
        }
        Identity end = identities.find(ev.reassignToId()).orElse(null);
        if (end == null) {
            return null;
        }
        List<Object> trail = new ArrayList<>();
        for (ReassignmentEvaluation.Step s : ev.lookupTrail()) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("reassignedFromId", s.reassignedFromId());
            step.put("reassignedToId", s.reassignedToId());
            step.put("reassignmentType", s.reassignmentType().name());
            trail.add(step);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("cause", "reassignment");
        data.put("configType", configType.name());
        data.put("originalOwnerId", ownerId);
        data.put("newOwnerId", end.id());
        data.put("newOwnerName", end.displayName());
        data.put("lookupTrail", trail);
        return new Reassigned(
                end, new HistoryEvent(itemId, version, now, SYSTEM_ACTOR, HistoryAction.REASSIGNED, null, data));
    }

    /** One item of a bulk move: a forward to {@code to} if it is still pending with {@code fromId}, else skipped. */
    private ReassignmentMove move(Caller caller, String itemId, String fromId, Identity to) {
        String comment = "moved in bulk from " + fromId + " to " + to.id() + " by " + caller.identityId();
        try {
            Changed done = write(
                    caller,
                    itemId,
                    "move",
                    item -> {
                        if (!item.ownerId().equals(fromId) || item.isCompleted()) {
                            throw ConflictException.refused(
                                    item.id(),
                                    item.state(),
                                    "move",
                                    item.isCompleted()
                                            ? "no longer pending: "
                                                    + item.state().wireName()
                                            : "now owned by " + item.ownerId());
                        }
                        return new Action.Forward(caller.identityId(), to.id(), to.displayName(), comment, false);
                    },
                    Changed::new);
            return new ReassignmentMove(itemId, true, done.after().ownerId(), null);
        } catch (NotFoundException | ConflictException e) {
            return new ReassignmentMove(itemId, false, null, e.getMessage());
        }
    }

    /** The owner a reassignment rule chose, and the event that records it. */
    private record Reassigned(Identity owner, HistoryEvent event) {}

    /** A forward's transition, sent on by the target's rules (R2). */
    private Transition reassignForward(WorkItem before, Action action, Transition t) {
        if (reassignments == null || !(action instanceof Action.Forward f) || !t.changed()) {
            return t;
        }
        Reassigned r = reassign(
                before.id(),
                t.item().version(),
                before.type(),
                before.requesterId(),
                f.targetOwnerId(),
                t.item().modified());
        if (r == null) {
            return t;
        }
        List<HistoryEvent> events = new ArrayList<>(t.events());
        events.add(r.event());
        return new Transition(
                t.item().toBuilder()
                        .ownerId(r.owner().id())
                        .ownerName(r.owner().displayName())
                        .build(),
                events);
    }

    // ---- the owner queries -------------------------------------------------------------------------------------

    @Override
    public Page<WorkItem> listPending(Caller caller, ListQuery query) {
        return list(caller, query, ListKind.PENDING, Operation.LIST_PENDING);
    }

    @Override
    public Page<WorkItem> listCompleted(Caller caller, ListQuery query) {
        return list(caller, query, ListKind.COMPLETED, Operation.LIST_COMPLETED);
    }

    private Page<WorkItem> list(Caller caller, ListQuery query, ListKind kind, Operation op) {
        notNull(query, "query");
        String owner = owner(caller, query.ownerId(), op);
        List<WorkItem> items = query.limit() == 0
                ? List.of()
                : storage(() ->
                        storage.findPage(new PageQuery(owner, kind, query.offset(), query.limit(), query.after())));
        rememberPage(items); // what a person acts on next is most often on the page they were shown
        Long total = query.count() ? storage(() -> storage.counts(owner)).of(kind) : null;
        return new Page<>(items, total);
    }

    @Override
    public WorkItemCount countPending(Caller caller, String ownerId) {
        return new WorkItemCount(
                counts(caller, ownerId, Operation.COUNT_PENDING).pending());
    }

    @Override
    public WorkItemCount countCompleted(Caller caller, String ownerId) {
        return new WorkItemCount(
                counts(caller, ownerId, Operation.COUNT_COMPLETED).completed());
    }

    @Override
    public WorkItemSummary summary(Caller caller, String ownerId) {
        OwnerCounts c = counts(caller, ownerId, Operation.SUMMARY);
        return WorkItemSummary.of(c.pending(), c.completed());
    }

    private OwnerCounts counts(Caller caller, String ownerId, Operation op) {
        String owner = owner(caller, ownerId, op);
        return storage(() -> storage.counts(owner));
    }

    private String owner(Caller caller, String ownerId, Operation op) {
        notNull(caller, "caller");
        if (ownerId != null && ownerId.isBlank()) {
            throw new InvalidRequestException("ownerId must not be blank", "ownerId");
        }
        String owner = ownerId == null ? caller.identityId() : ownerId;
        if (!policy.mayQueryOwner(caller, owner, op)) {
            throw new ForbiddenException(caller.identityId() + " may not " + op.verb() + " of owner " + owner);
        }
        return owner;
    }

    // ---- one item ----------------------------------------------------------------------------------------------

    @Override
    public WorkItem get(Caller caller, String id) {
        return readable(caller, id, Operation.GET);
    }

    @Override
    public List<HistoryEvent> history(Caller caller, String id) {
        readable(caller, id, Operation.HISTORY);
        return storage(() -> storage.history(id));
    }

    private WorkItem readable(Caller caller, String id, Operation op) {
        notNull(caller, "caller");
        notBlank(id, "id");
        WorkItem item = load(id);
        remember(item);
        authorize(caller, item, op);
        return item;
    }

    @Override
    public WorkItem complete(Caller caller, String id) {
        return act(caller, id, Operation.COMPLETE, item -> new Action.Complete(caller.identityId()));
    }

    @Override
    public WorkItem approve(Caller caller, String id, String approvalItemId) {
        notBlank(approvalItemId, "approvalItemId");
        return act(caller, id, Operation.APPROVE, item -> new Action.Approve(caller.identityId(), approvalItemId));
    }

    @Override
    public WorkItem reject(Caller caller, String id, String approvalItemId) {
        notBlank(approvalItemId, "approvalItemId");
        return act(caller, id, Operation.REJECT, item -> new Action.Reject(caller.identityId(), approvalItemId));
    }

    @Override
    public WorkItem bulkApprove(Caller caller, String id) {
        return act(caller, id, Operation.BULK_APPROVE, item -> new Action.BulkApprove(caller.identityId()));
    }

    @Override
    public WorkItem bulkReject(Caller caller, String id) {
        return act(caller, id, Operation.BULK_REJECT, item -> new Action.BulkReject(caller.identityId()));
    }

    @Override
    public void forward(Caller caller, String id, ForwardRequest request) {
        notNull(request, "request");
        notNull(caller, "caller");
        notBlank(id, "id");
        Changed done = write(
                caller,
                id,
                Operation.FORWARD.verb(),
                item -> {
                    authorize(caller, item, Operation.FORWARD);
                    Identity target = known(request.targetOwnerId(), "targetOwnerId"); // after the item's 404 and 403
                    return new Action.Forward(
                            caller.identityId(),
                            target.id(),
                            target.displayName(),
                            request.comment(),
                            request.sendNotifications());
                },
                Changed::new);
        if (request.sendNotifications() && done.after() != done.before()) {
            try {
                notifier.forwarded(new ForwardNotification(
                        done.after(),
                        done.before().ownerId(),
                        done.before().ownerName(),
                        caller.identityId(),
                        request.comment(),
                        done.after().modified()));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "forward notifier failed for work item " + id, e);
            }
        }
    }

    /** A stored write: the item as the action was decided on, and the item after it (the same when unchanged). */
    private record Changed(WorkItem before, WorkItem after) {}

    /** What a write answers, from the item it decided on and the item after it (the same instance when unchanged). */
    @FunctionalInterface
    private interface Stored<R> {
        R of(WorkItem before, WorkItem after);

        static WorkItem after(WorkItem before, WorkItem after) {
            return after;
        }
    }

    @Override
    public WorkItem submitAccountSelection(Caller caller, String id, Map<String, ?> selection) {
        notNull(selection, "selection");
        Map<String, Object> copy = JsonValues.copyObject(selection, "selection");
        return act(
                caller,
                id,
                Operation.SUBMIT_ACCOUNT_SELECTION,
                item -> new Action.SubmitAccountSelection(caller.identityId(), copy));
    }

    // ---- host side ---------------------------------------------------------------------------------------------

    @Override
    public WorkItem create(NewWorkItem request) {
        notNull(request, "request");
        Identity owner = known(request.ownerId(), "ownerId");
        Identity requester = request.requesterId() == null ? null : known(request.requesterId(), "requesterId");
        String id = request.id() != null ? request.id() : ids.newId();
        List<ApprovalItem> approvals = null;
        if (request.approvalItems() != null) {
            approvals = new ArrayList<>();
            for (NewApprovalItem a : request.approvalItems()) {
                approvals.add(new ApprovalItem(
                        a.id() != null ? a.id() : ids.newId(),
                        a.account(),
                        a.application(),
                        a.name(),
                        a.operation(),
                        a.value(),
                        WorkItemState.PENDING));
            }
        }
        Instant now = clock.instant();
        Timers timers =
                checked(request.timers() != null ? request.timers() : defaultTimers.get(request.type()), now, now);
        Reassigned sentOn = reassign(id, 1, request.type(), requester == null ? null : requester.id(), owner.id(), now);
        Identity finalOwner = sentOn == null ? owner : sentOn.owner();
        WorkItem item = WorkItem.builder()
                .id(id)
                .requesterId(requester == null ? null : requester.id())
                .requesterDisplayName(requester == null ? null : requester.displayName())
                .ownerId(finalOwner.id())
                .ownerName(finalOwner.displayName())
                .created(now)
                .description(request.description())
                .type(request.type())
                .name(request.name())
                .approvalItems(approvals)
                .remediationItems(request.remediationItems())
                .form(request.form())
                .timers(timers)
                .version(1)
                .build();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ownerId", owner.id());
        data.put("type", request.type().wireName());
        HistoryEvent created = new HistoryEvent(
                id, 1, now, requester == null ? SYSTEM_ACTOR : requester.id(), HistoryAction.CREATED, null, data);
        List<HistoryEvent> events = sentOn == null ? List.of(created) : List.of(created, sentOn.event());
        WorkItemChange change = new WorkItemChange(null, null, item, events);
        guard(change);
        if (!insert(new WorkItemWrite(item, events))) {
            throw new InvalidRequestException(
                    "400.1.409 Reference conflict",
                    List.of("a work item with id " + id + " already exists"),
                    List.of("id"));
        }
        remember(item);
        stored(change);
        return item;
    }

    /** Inserts, retrying a transient rollback the store reports as a lost race, as {@link #write} retries updates. */
    private boolean insert(WorkItemWrite write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return storage(() -> storage.insert(write));
            } catch (ConflictException e) {
                if (!e.isLostRace() || storage.inHostTransaction()) {
                    throw e; // inside the host's transaction, the host retries the whole transaction
                }
                if (attempt >= maxAttempts) {
                    throw ConflictException.lostRace(write.item().id(), "create", attempt);
                }
                retried("create");
                backOff(attempt);
            }
        }
    }

    private Identity known(String identityId, String field) {
        return identities
                .find(identityId)
                .orElseThrow(() -> new InvalidRequestException(
                        InvalidRequestException.REFERENCED_OBJECT_NOT_FOUND,
                        List.of("Referenced identity \"" + identityId + "\" was not found."),
                        List.of(field)));
    }

    @Override
    public WorkItem returnItem(String actorId, String id, String reason) {
        Action a = new Action.Return(actorId, reason);
        return host(id, a);
    }

    @Override
    public WorkItem expire(String actorId, String id, String reason) {
        Action a = new Action.Expire(actorId, reason);
        return host(id, a);
    }

    @Override
    public WorkItem cancel(String actorId, String id, String reason) {
        Action a = new Action.Cancel(actorId, reason);
        return host(id, a);
    }

    @Override
    public WorkItem reschedule(String actorId, String id, Timers timers) {
        notBlank(actorId, "actorId");
        notBlank(id, "id");
        return write(
                null,
                id,
                "reschedule",
                item -> new Action.Reschedule(actorId, checked(timers, item.created(), clock.instant())),
                Stored::after);
    }

    /**
     * Checks timers against the item's times and the identity directory, and resolves their deadline.
     *
     * @return the timers to store, or null for none
     * @throws InvalidRequestException naming every field at fault
     */
    private Timers checked(Timers timers, Instant created, Instant now) {
        if (timers == null || timers.isEmpty()) {
            return null;
        }
        Timers t = timers.resolve(created);
        List<String> causes = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        boolean onlyUnknown = true;
        if (t.due() != null && !t.due().isAfter(now)) {
            causes.add("timers.due must be in the future (after " + now + "), not " + t.due());
            fields.add("timers.due");
            onlyUnknown = false;
        }
        for (int i = 1; i < t.escalation().size(); i++) {
            Instant at = t.stepTime(created, i);
            Instant before = t.stepTime(created, i - 1);
            if (at.isBefore(before)) {
                causes.add("timers.escalation[" + i + "] falls due at " + at + ", before timers.escalation[" + (i - 1)
                        + "] at " + before + ": list the steps in the order of their times");
                fields.add("timers.escalation[" + i + "].at");
                onlyUnknown = false;
            }
        }
        for (int i = 0; i < t.escalation().size(); i++) {
            String who = t.escalation().get(i).identityId();
            if (who != null && identities.find(who).isEmpty()) {
                causes.add("Referenced identity \"" + who + "\" was not found.");
                fields.add("timers.escalation[" + i + "].identityId");
            }
        }
        Checks.refuseIfAny(causes, fields, onlyUnknown);
        return t;
    }

    // ---- the clock ---------------------------------------------------------------------------------------------

    @Override
    public SweepResult sweep() {
        Instant now = clock.instant();
        Tally tally = new Tally();
        DueQuery query = DueQuery.first(now, sweepBatch);
        while (true) {
            DueQuery q = query;
            List<WorkItem> due = storage(() -> storage.findDue(q));
            for (WorkItem item : due) {
                tally.items++;
                try {
                    if (Transitions.due(item, now) == null) {
                        continue; // the row just read has nothing due (another instance was first)
                    }
                    remember(item); // the first write starts from the row just read
                    applyDue(item.id(), now, tally);
                } catch (RuntimeException e) {
                    tally.failures++;
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "sweep: work item " + item.id() + " keeps what is due for the next sweep",
                            e);
                }
            }
            if (due.size() < query.limit()) {
                return new SweepResult(now, tally.items, tally.reminders, tally.escalations, tally.failures);
            }
            WorkItem last = due.get(due.size() - 1);
            query = query.after(last.timerDue(), last.id());
        }
    }

    /** What one sweep did, counted as it goes. */
    private static final class Tally {
        int items;
        int reminders;
        int escalations;
        int failures;
    }

    /** The timed action a write decided on last (a lost race decides again), for the notification after it. */
    private static final class Decided {
        Action action;
        Transitions.Due due;
    }

    /** Applies everything due on one item at {@code now}, each reminder or step its own change, in time order. */
    private void applyDue(String id, Instant now, Tally tally) {
        // Bounded: each change runs one step or moves the reminders past now; a step runs once.
        for (int round = 0; round <= Timers.MAX_STEPS + 1; round++) {
            Decided decided = new Decided();
            Changed stored = write(
                    null,
                    id,
                    "sweep",
                    item -> {
                        decided.due = Transitions.due(item, now);
                        decided.action = timerAction(item, decided.due, now);
                        return decided.action;
                    },
                    Changed::new);
            if (stored.before() == stored.after()) {
                return; // nothing (more) due: done here, or by another instance
            }
            if (decided.action instanceof Action.Remind) {
                tally.reminders++;
            } else {
                tally.escalations++;
            }
            notifyTimer(decided, stored, now);
            if (Transitions.due(stored.after(), now) == null) {
                return; // what this sweep stored leaves nothing due: no need to read the item again
            }
        }
    }

    private Action timerAction(WorkItem item, Transitions.Due due, Instant now) {
        if (due == null || due.isReminder()) {
            return new Action.Remind(TIMER_ACTOR, now); // with nothing due, it changes nothing
        }
        Timers.Step step = item.timers().escalation().get(due.step());
        String targetId = null;
        String targetName = null;
        String skipped = null;
        if (step.kind() == Timers.Kind.NOTIFY || step.kind() == Timers.Kind.REASSIGN) {
            String who = step.identityId() != null
                    ? step.identityId()
                    : resolver.resolve(item, step).orElse(null);
            Identity found = who == null ? null : identities.find(who).orElse(null);
            if (found != null) {
                targetId = found.id();
                targetName = found.displayName();
            } else {
                skipped = who == null
                        ? "the escalation resolver named nobody"
                        : "identity " + who + " is not known to the identity directory";
            }
        }
        return new Action.Escalate(TIMER_ACTOR, now, due.step(), step.kind(), targetId, targetName, skipped);
    }

    private void notifyTimer(Decided decided, Changed stored, Instant now) {
        WorkItem after = stored.after();
        TimerNotification n = null;
        if (decided.action instanceof Action.Remind) {
            n = new TimerNotification(
                    TimerNotification.Kind.REMINDER,
                    after,
                    after.ownerId(),
                    "reminders",
                    after.timers().remindersSent(),
                    decided.due.at(),
                    now);
        } else if (decided.action instanceof Action.Escalate e && e.targetId() != null) {
            boolean reassigned = e.stepKind() == Timers.Kind.REASSIGN;
            if (!reassigned || !stored.before().ownerId().equals(after.ownerId())) {
                n = new TimerNotification(
                        TimerNotification.Kind.ESCALATION,
                        after,
                        e.targetId(),
                        "escalation[" + e.step() + "]",
                        e.step(),
                        decided.due.at(),
                        now);
            }
        }
        if (n == null) {
            return;
        }
        try {
            timerNotifier.notify(n);
        } catch (RuntimeException ex) {
            LOG.log(System.Logger.Level.WARNING, "timer notifier failed for work item " + after.id(), ex);
        }
    }

    private WorkItem host(String id, Action action) {
        notBlank(id, "id");
        return write(null, id, action.kind().name().toLowerCase(java.util.Locale.ROOT), item -> action, Stored::after);
    }

    @Override
    public List<FeedEvent> feed(long afterPosition, int limit) {
        List<String> causes = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        if (afterPosition < 0) {
            causes.add("afterPosition must be >= 0, not " + afterPosition);
            bad.add("afterPosition");
        }
        if (limit < 1 || limit > FeedQuery.MAX_LIMIT) {
            causes.add("limit must be 1.." + FeedQuery.MAX_LIMIT + ", not " + limit);
            bad.add("limit");
        }
        if (!bad.isEmpty()) {
            throw new InvalidRequestException(InvalidRequestException.BAD_REQUEST_CONTENT, causes, bad);
        }
        return storage(() -> storage.feed(new FeedQuery(afterPosition, limit)));
    }

    // ---- the write loop ----------------------------------------------------------------------------------------

    private WorkItem act(Caller caller, String id, Operation op, Function<WorkItem, Action> action) {
        notNull(caller, "caller");
        notBlank(id, "id");
        return write(
                caller,
                id,
                op.verb(),
                item -> {
                    authorize(caller, item, op);
                    return action.apply(item);
                },
                Stored::after);
    }

    /**
     * Decides and writes with a version check; a lost race re-reads and decides again. The first try may start from the
     * cached item instead of reading it: if that version is no longer stored (the write does not apply), or if the
     * cached item refuses the action or leaves it unchanged, the item is read and the action decided again, so every
     * answer is decided on the item the store holds.
     */
    private <R> R write(
            Caller caller, String id, String operation, Function<WorkItem, Action> decide, Stored<R> result) {
        WorkItem cached = cache == null ? null : cache.get(id);
        if (cache != null) {
            cacheLookup(cached != null);
        }
        for (int attempt = 1; ; ) {
            boolean fromCache = cached != null;
            WorkItem current = fromCache ? cached : load(id);
            cached = null;
            Transition t;
            WorkItemChange change = null;
            try {
                Action action = decide.apply(current);
                t = reassignForward(current, action, Transitions.apply(current, action, clock.instant(), options));
                if (t.changed()) {
                    change = new WorkItemChange(caller, current, t.item(), t.events());
                    guard(change);
                }
            } catch (WorkItemsException refused) {
                if (fromCache) {
                    continue; // decide again on the stored item
                }
                throw refused;
            }
            if (!t.changed()) {
                if (fromCache) {
                    continue;
                }
                remember(current);
                return result.of(current, current);
            }
            boolean applied;
            try {
                applied = storage(() -> storage.update(new WorkItemWrite(t.item(), t.events(), current)));
            } catch (RuntimeException e) {
                forget(id);
                throw e;
            }
            if (applied) {
                remember(t.item());
                stored(change);
                return result.of(current, t.item());
            }
            forget(id);
            if (fromCache) {
                continue; // the cached version was not the stored one: not a race with a writer, no back-off
            }
            if (attempt >= maxAttempts) {
                throw ConflictException.lostRace(id, operation, attempt);
            }
            retried(operation);
            backOff(attempt);
            attempt++;
        }
    }

    private void stored(WorkItemChange change) {
        if (storage.inHostTransaction()) {
            // The host may still roll back: remember nothing and tell nobody until the store says it committed.
            forget(change.after().id());
            storage.afterHostCommit(() -> {
                try {
                    if (cache != null) {
                        cache.put(change.after()); // a later change is caught by the version check, as for any cached
                        // item
                    }
                    tell(change);
                } catch (RuntimeException e) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "after the host's commit of a change of "
                                    + change.after().id(),
                            e);
                }
            });
            return;
        }
        tell(change);
    }

    private void tell(WorkItemChange change) {
        listeners.publish(change);
        if (subscriptions != null) {
            subscriptions.wake();
        }
    }

    @Override
    public Subscriptions subscriptions() {
        if (subscriptions == null) {
            throw new IllegalStateException(
                    "the store " + storage + " keeps no subscriptions (it does not implement " + "SubscriptionStore)");
        }
        return subscriptions;
    }

    private void guard(WorkItemChange change) {
        for (WorkItemGuard g : guards) {
            WorkItemGuard.Verdict v = g.check(change);
            if (v == null || v.allowed()) {
                continue;
            }
            String id = change.after().id();
            if (v.refusal() == WorkItemGuard.Refusal.FORBIDDEN) {
                throw new ForbiddenException(v.reason());
            }
            throw ConflictException.refused(
                    id,
                    change.before() == null
                            ? WorkItemState.PENDING
                            : change.before().state(),
                    change.events().get(0).action().name().toLowerCase(java.util.Locale.ROOT),
                    v.reason());
        }
    }

    /**
     * Remembers a page's items, unless the store answered with the very list whose items were remembered last time: a
     * store that keeps the pages it answered (the JDBC store on SQLite does) gives the same list for the same rows, and
     * putting its 250 items again was 250 hash lookups, which inside an HTTP request then took about half of the page's
     * time in the service (JFR). Skipping them only leaves the items' marks in the cache as they were; the version
     * check of every write keeps a forgotten or stale item from mattering.
     */
    private void rememberPage(List<WorkItem> items) {
        if (cache == null || items.isEmpty() || storage.inHostTransaction()) {
            return;
        }
        int slot = (System.identityHashCode(items) * 0x9E3779B9) >>> (Integer.SIZE - 4);
        if (rememberedPages.get(slot) == items) {
            return;
        }
        for (WorkItem w : items) {
            cache.put(w);
        }
        rememberedPages.set(slot, items);
    }

    private void remember(WorkItem item) {
        if (cache != null && !storage.inHostTransaction()) {
            cache.put(item);
        }
    }

    private void forget(String id) {
        if (cache != null) {
            cache.remove(id);
        }
    }

    private void retried(String operation) {
        try {
            observer.retried(operation);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the operation observer failed on a retry of " + operation, e);
        }
    }

    private void cacheLookup(boolean hit) {
        try {
            observer.cacheLookup(hit);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the operation observer failed on a cache lookup", e);
        }
    }

    private static void backOff(int attempt) {
        if (attempt <= 2) {
            Thread.onSpinWait();
            return;
        }
        long maxNanos = Math.min(5_000_000L, 20_000L << Math.min(attempt, 12));
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(maxNanos / 2, maxNanos));
    }

    private WorkItem load(String id) {
        Optional<WorkItem> found = storage(() -> storage.findById(id));
        return found.orElseThrow(() -> new NotFoundException("work item " + id + " not found"));
    }

    private void authorize(Caller caller, WorkItem item, Operation op) {
        if (!policy.mayAccess(caller, item, op)) {
            throw new ForbiddenException(caller.identityId() + " may not " + op.verb() + " work item " + item.id()
                    + " owned by " + item.ownerId());
        }
    }

    /** Runs a storage call; anything but the library's own exceptions becomes a {@link StorageFailureException}. */
    static <T> T storage(Supplier<T> call) {
        try {
            return call.get();
        } catch (WorkItemsException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StorageFailureException("storage failed: " + e, e);
        }
    }
}
