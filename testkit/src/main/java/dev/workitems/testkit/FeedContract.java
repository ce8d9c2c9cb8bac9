package dev.workitems.testkit;

import static dev.workitems.testkit.Fixture.CYD;
import static dev.workitems.testkit.Fixture.FRED;
import static dev.workitems.testkit.Fixture.GINGER;
import static dev.workitems.testkit.Fixture.NOBODY;
import static dev.workitems.testkit.Fixture.admin;
import static dev.workitems.testkit.Fixture.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.workitems.ApprovalItem;
import dev.workitems.Caller;
import dev.workitems.ConflictException;
import dev.workitems.FeedEvent;
import dev.workitems.ForbiddenException;
import dev.workitems.ForwardRequest;
import dev.workitems.HistoryAction;
import dev.workitems.HistoryEvent;
import dev.workitems.InvalidRequestException;
import dev.workitems.LifecycleOptions;
import dev.workitems.NotFoundException;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemChange;
import dev.workitems.WorkItemState;
import dev.workitems.WorkItemType;
import dev.workitems.WorkItems;
import dev.workitems.spi.WorkItemGuard;
import dev.workitems.spi.WorkItemListener;
import dev.workitems.spi.WorkItemRepository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The event feed's contract, through the service over a store: one feed event per history entry, none for a call that
 * failed, was refused or changed nothing, what each event says about the change, reads from any position, and no event
 * skipped behind a reader while several writers commit; and the in-process hooks on top: guards that refuse a change
 * before it is stored (and so change nothing), and listeners told after it is stored. Extend it and implement
 * {@link #newRepository()}.
 */
public abstract class FeedContract {

    /** @return a new, empty store; called once per test */
    protected abstract WorkItemRepository newRepository();

    /** @param repository a store made by {@link #newRepository()}, to close after its test */
    protected void release(WorkItemRepository repository) {}

    private WorkItemRepository repo;
    private Fixture fx;
    private WorkItems svc;

    @BeforeEach
    void open() {
        repo = newRepository();
        fx = new Fixture(repo, LifecycleOptions.DEFAULTS, 7);
        svc = fx.service();
    }

    @AfterEach
    void close() {
        release(repo);
    }

    /** Reads the whole feed, in pages of {@code page}. */
    private static List<FeedEvent> readAll(WorkItems svc, int page) {
        List<FeedEvent> all = new ArrayList<>();
        long after = 0;
        for (int guard = 0; guard < 1_000_000; guard++) {
            List<FeedEvent> got = svc.feed(after, page);
            if (got.isEmpty()) {
                return all;
            }
            all.addAll(got);
            after = got.get(got.size() - 1).position();
        }
        throw new AssertionError("the feed never ends");
    }

    private static void assertIncreasing(List<FeedEvent> feed) {
        for (int i = 1; i < feed.size(); i++) {
            assertTrue(
                    feed.get(i).position() > feed.get(i - 1).position(),
                    "feed positions must increase: " + feed.get(i - 1).position() + " then "
                            + feed.get(i).position());
        }
    }

    /** Checks that the feed holds exactly the history of every item, in each item's order. */
    private void assertFeedIsTheHistory(List<FeedEvent> feed, List<String> itemIds) {
        Map<String, List<HistoryEvent>> fromFeed = new LinkedHashMap<>();
        for (FeedEvent e : feed) {
            fromFeed.computeIfAbsent(e.workItemId(), k -> new ArrayList<>()).add(e.history());
        }
        int total = 0;
        for (String id : itemIds) {
            List<HistoryEvent> history = svc.history(admin(), id);
            assertEquals(
                    history,
                    fromFeed.getOrDefault(id, List.of()),
                    "the feed's events of item " + id + " must be its history, in order");
            total += history.size();
        }
        assertEquals(total, feed.size(), "one feed event per history entry, and no other");
    }

    @Test
    void everyChangeAppendsItsHistoryToTheFeedInOrder() {
        WorkItem a = fx.approval(FRED, 3);
        WorkItem g = fx.generic(FRED);
        WorkItem f = fx.form(GINGER);
        WorkItem r = fx.generic(CYD);
        WorkItem x = fx.generic(CYD);
        WorkItem c = fx.generic(CYD);
        List<ApprovalItem> approvals = a.approvalItems();
        svc.approve(user(FRED), a.id(), approvals.get(0).id());
        fx.tick(5);
        svc.reject(user(FRED), a.id(), approvals.get(1).id());
        svc.bulkApprove(user(FRED), a.id());
        svc.forward(user(FRED), a.id(), new ForwardRequest(GINGER, "over to you", false));
        svc.complete(user(GINGER), a.id());
        svc.complete(user(FRED), g.id());
        svc.submitAccountSelection(user(GINGER), f.id(), Map.of("account", "fred-astaire-sp"));
        svc.returnItem("host", r.id(), "not mine");
        svc.expire("host", x.id(), "too late");
        svc.cancel("host", c.id(), "withdrawn");

        List<FeedEvent> feed = readAll(svc, 1000);
        assertIncreasing(feed);
        assertFeedIsTheHistory(feed, List.of(a.id(), g.id(), f.id(), r.id(), x.id(), c.id()));
        assertEquals(
                List.of(
                        HistoryAction.CREATED,
                        HistoryAction.CREATED,
                        HistoryAction.CREATED,
                        HistoryAction.CREATED,
                        HistoryAction.CREATED,
                        HistoryAction.CREATED,
                        HistoryAction.APPROVED,
                        HistoryAction.REJECTED,
                        HistoryAction.APPROVED,
                        HistoryAction.FORWARDED,
                        HistoryAction.COMPLETED,
                        HistoryAction.COMPLETED),
                feed.subList(0, 12).stream().map(FeedEvent::action).toList(),
                "feed order is the order of the changes");
        assertEquals(feed, readAll(svc, 1), "reading one event at a time gives the same feed");
    }

    @Test
    void eachEventSaysWhatItsChangeDidToTheItem() {
        WorkItem a = fx.approval(FRED, 1);
        svc.forward(user(FRED), a.id(), new ForwardRequest(GINGER, "please decide", false));
        svc.approve(user(GINGER), a.id(), a.approvalItems().get(0).id());
        svc.complete(user(GINGER), a.id());
        List<FeedEvent> feed = readAll(svc, 100);
        assertEquals(4, feed.size(), "created, forwarded, approved, completed: " + feed);

        FeedEvent created = feed.get(0);
        assertEquals(HistoryAction.CREATED, created.action(), "the first event is the creation");
        assertEquals(a.id(), created.workItemId(), "the creation names its item");
        assertEquals(1, created.itemVersion(), "the creation is version 1");
        assertEquals(WorkItemType.APPROVAL, created.itemType(), "the event carries the item's type");
        assertNull(created.ownerBefore(), "a created item had no owner before");
        assertNull(created.stateBefore(), "a created item had no state before");
        assertEquals(FRED, created.ownerAfter(), "the owner after the creation");
        assertEquals(WorkItemState.PENDING, created.stateAfter(), "the state after the creation");
        assertEquals(GINGER, created.actorId(), "the requester creates the item");
        assertEquals(fx.clock().instant(), created.at(), "the time of the creation, on the service's clock");

        FeedEvent forwarded = feed.get(1);
        assertEquals(HistoryAction.FORWARDED, forwarded.action(), "the second event is the forward");
        assertEquals(2, forwarded.itemVersion(), "the forward is version 2");
        assertEquals(FRED, forwarded.ownerBefore(), "the owner before the forward");
        assertEquals(GINGER, forwarded.ownerAfter(), "the owner after the forward");
        assertEquals(FRED, forwarded.actorId(), "the forward's actor");
        assertEquals("please decide", forwarded.comment(), "the forward's comment");
        assertEquals(GINGER, forwarded.data().get("newOwnerId"), "forward data as history has it: " + forwarded.data());

        FeedEvent approved = feed.get(2);
        assertEquals(
                a.approvalItems().get(0).id(),
                approved.data().get("approvalItemId"),
                "the approval names its approval item");
        assertEquals(
                WorkItemState.PENDING,
                approved.stateBefore(),
                "an approval of one of several items leaves the item Pending: before");
        assertEquals(
                WorkItemState.PENDING,
                approved.stateAfter(),
                "an approval of one of several items leaves the item Pending: after");

        FeedEvent completed = feed.get(3);
        assertEquals(HistoryAction.COMPLETED, completed.action(), "the last event is the completion");
        assertEquals(4, completed.itemVersion(), "the completion is version 4");
        assertEquals(WorkItemState.PENDING, completed.stateBefore(), "the state before the completion");
        assertEquals(WorkItemState.FINISHED, completed.stateAfter(), "the state after the completion");
        assertEquals(GINGER, completed.ownerBefore(), "the owner before the completion");
        assertEquals(GINGER, completed.ownerAfter(), "the owner after the completion");
    }

    @Test
    void oneChangeWithTwoEventsGivesBothTheChangesBeforeAndAfter() {
        WorkItems auto = WorkItems.builder()
                .storage(repo)
                .identities(fx.directory())
                .clock(fx.clock())
                .options(new LifecycleOptions(true, true))
                .build();
        WorkItem a = fx.approval(FRED, 1);
        auto.approve(user(FRED), a.id(), a.approvalItems().get(0).id());
        List<FeedEvent> feed = readAll(svc, 100);
        assertEquals(
                List.of(HistoryAction.CREATED, HistoryAction.APPROVED, HistoryAction.COMPLETED),
                feed.stream().map(FeedEvent::action).toList(),
                "the last decision with D6 on: the approval and the completion, one change");
        for (FeedEvent e : feed.subList(1, 3)) {
            assertEquals(2, e.itemVersion(), "both events belong to version 2");
            assertEquals(WorkItemState.PENDING, e.stateBefore(), "both events have the change's state before");
            assertEquals(WorkItemState.FINISHED, e.stateAfter(), "both events have the change's state after");
        }
    }

    @Test
    void failedRefusedAndRepeatedCallsAppendNothing() {
        WorkItem a = fx.approval(FRED, 2);
        String first = a.approvalItems().get(0).id();
        svc.approve(user(FRED), a.id(), first);
        List<FeedEvent> before = readAll(svc, 100);
        assertEquals(2, before.size(), "a create and an approval: two events");

        svc.approve(user(FRED), a.id(), first); // the same decision again changes nothing (D8)
        assertThrows(
                ForbiddenException.class,
                () -> svc.approve(user(CYD), a.id(), first),
                "someone else's approval is forbidden");
        assertThrows(
                ConflictException.class,
                () -> svc.reject(user(FRED), a.id(), first),
                "rejecting an approved approval item is a conflict");
        assertThrows(
                NotFoundException.class,
                () -> svc.approve(user(FRED), "no-such-item", first),
                "an unknown item is not found");
        assertThrows(
                NotFoundException.class,
                () -> svc.approve(user(FRED), a.id(), "no-such-approval"),
                "an unknown approval item is not found");
        assertThrows(
                InvalidRequestException.class,
                () -> svc.forward(user(FRED), a.id(), new ForwardRequest(NOBODY, "to nobody", false)),
                "a forward to an unknown identity is invalid");
        assertThrows(
                InvalidRequestException.class,
                () -> svc.forward(user(FRED), a.id(), new ForwardRequest(FRED, "to myself", false)),
                "a forward to the current owner is invalid");
        assertThrows(
                InvalidRequestException.class,
                () -> svc.submitAccountSelection(user(FRED), a.id(), Map.of("a", 1)),
                "an approval item has no form to submit to");
        svc.complete(user(FRED), a.id());
        svc.complete(user(FRED), a.id()); // completing a finished item again changes nothing
        assertThrows(
                ConflictException.class,
                () -> svc.cancel("host", a.id(), "too late"),
                "canceling a completed item is a conflict");
        assertThrows(
                InvalidRequestException.class,
                () -> svc.create(dev.workitems.NewWorkItem.builder()
                        .type(WorkItemType.GENERIC)
                        .description("for nobody")
                        .ownerId(NOBODY)
                        .build()),
                "a create for an unknown owner is invalid");

        List<FeedEvent> after = readAll(svc, 100);
        assertEquals(before, after.subList(0, before.size()), "earlier events never change");
        assertEquals(
                List.of(HistoryAction.COMPLETED),
                after.subList(before.size(), after.size()).stream()
                        .map(FeedEvent::action)
                        .toList(),
                "only the one complete that changed the item is in the feed");
    }

    @Test
    void theFeedReadsFromAnyPosition() {
        for (int i = 0; i < 12; i++) {
            fx.generic(IDENTITY_ROTATION[i % IDENTITY_ROTATION.length]);
        }
        List<FeedEvent> all = readAll(svc, 10_000);
        assertEquals(12, all.size(), "twelve creates: twelve events");
        for (int i = 0; i < all.size(); i++) {
            long after = all.get(i).position();
            assertEquals(all.subList(i + 1, all.size()), svc.feed(after, 10_000), "the events after position " + after);
            assertEquals(
                    all.subList(i + 1, Math.min(all.size(), i + 4)), svc.feed(after, 3), "three events after " + after);
        }
        assertEquals(all, svc.feed(0, 10_000), "0 reads from the start");
        long last = all.get(all.size() - 1).position();
        assertEquals(List.of(), svc.feed(last, 10), "nothing after the last event");
        assertEquals(List.of(), svc.feed(last + 1_000_000, 10), "nothing after a position not reached yet");
        assertTrue(all.get(0).position() >= 1, "positions start at 1 or later");
    }

    private static final String[] IDENTITY_ROTATION = {FRED, GINGER, CYD, Fixture.ADA};

    @Test
    void badFeedReadsAreInvalidRequestsNamingTheParameter() {
        InvalidRequestException e =
                assertThrows(InvalidRequestException.class, () -> svc.feed(-1, 10), "a negative position is invalid");
        assertEquals(List.of("afterPosition"), e.parameters(), "the error names the position");
        e = assertThrows(InvalidRequestException.class, () -> svc.feed(0, 0), "a limit of 0 is invalid");
        assertEquals(List.of("limit"), e.parameters(), "the error names the limit");
        e = assertThrows(InvalidRequestException.class, () -> svc.feed(-5, 10_001), "both wrong");
        assertEquals(List.of("afterPosition", "limit"), e.parameters(), "the error names both");
    }

    /**
     * Writers on several threads (and two service instances) create and decide items while a reader follows the feed
     * from its last position. When the writers are done and the reader has caught up, the reader must have seen every
     * event of the final feed, in the same order: an event that committed late must not have been skipped.
     */
    @Test
    void aReaderFollowingTheFeedWhileWritersCommitMissesNothing() throws Exception {
        WorkItems second = WorkItems.builder()
                .storage(repo)
                .identities(fx.directory())
                .clock(fx.clock())
                .build();
        int writers = 4;
        int perWriter = 60;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            Future<List<FeedEvent>> reader = pool.submit(() -> {
                List<FeedEvent> seen = new ArrayList<>();
                long after = 0;
                boolean lastRound = false;
                while (true) {
                    boolean done = !writing.get();
                    List<FeedEvent> got = svc.feed(after, 7);
                    seen.addAll(got);
                    if (!got.isEmpty()) {
                        after = got.get(got.size() - 1).position();
                    } else if (lastRound) {
                        return seen;
                    } else if (done) {
                        lastRound = true; // one more empty read after the writers finished: caught up
                    }
                }
            });
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                WorkItems on = w % 2 == 0 ? svc : second;
                String owner = IDENTITY_ROTATION[w];
                work.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        WorkItem item = on.create(dev.workitems.NewWorkItem.builder()
                                .type(WorkItemType.APPROVAL)
                                .description("item " + i)
                                .ownerId(owner)
                                .approvalItem(dev.workitems.NewApprovalItem.of("acct", "GitHub", "groups", "add", "x"))
                                .build());
                        ids.add(item.id());
                        if (i % 2 == 0) {
                            on.approve(
                                    Caller.of(owner),
                                    item.id(),
                                    item.approvalItems().get(0).id());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(120, TimeUnit.SECONDS);
            }
            writing.set(false);
            List<FeedEvent> seen = reader.get(120, TimeUnit.SECONDS);
            List<FeedEvent> all = readAll(svc, 10_000);
            assertEquals(writers * perWriter * 3 / 2, all.size(), "one event per create and per approve");
            assertIncreasing(seen);
            if (!seen.equals(all)) {
                Map<Long, FeedEvent> seenAt = new HashMap<>();
                seen.forEach(e -> seenAt.put(e.position(), e));
                List<Long> missed = all.stream()
                        .map(FeedEvent::position)
                        .filter(p -> !seenAt.containsKey(p))
                        .toList();
                fail("the following reader saw " + seen.size() + " of " + all.size() + " events; missed positions "
                        + missed);
            }
            assertFeedIsTheHistory(all, ids);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anItemsEventsAreInVersionOrderWhileWritersRace() throws Exception {
        WorkItem a = fx.approval(FRED, 40);
        WorkItems second = WorkItems.builder()
                .storage(repo)
                .identities(fx.directory())
                .clock(fx.clock())
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                WorkItems on = t % 2 == 0 ? svc : second;
                int from = t;
                work.add(pool.submit(() -> {
                    for (int i = from; i < 40; i += 4) {
                        on.approve(user(FRED), a.id(), a.approvalItems().get(i).id());
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<FeedEvent> feed = readAll(svc, 10_000);
        assertEquals(41, feed.size(), "every change of the four writers is in the feed");
        for (int i = 0; i < feed.size(); i++) {
            assertEquals(i + 1, feed.get(i).itemVersion(), "the item's events in version order: " + feed);
        }
        assertFeedIsTheHistory(feed, List.of(a.id()));
    }

    // ---- guards and listeners ---------------------------------------------------------------------------------

    private static WorkItemGuard.Verdict noSelfApproval(WorkItemChange c) {
        if (c.has(HistoryAction.APPROVED)
                && c.caller() != null
                && c.caller().identityId().equals(c.after().requesterId())) {
            return WorkItemGuard.Verdict.forbid("the requester may not approve their own request");
        }
        return WorkItemGuard.Verdict.ALLOW;
    }

    private static WorkItemGuard.Verdict approvalsAreNotCanceled(WorkItemChange c) {
        if (c.has(HistoryAction.CANCELED) && c.after().type() == WorkItemType.APPROVAL) {
            return WorkItemGuard.Verdict.conflict("approval items are returned, not canceled");
        }
        return WorkItemGuard.Verdict.ALLOW;
    }

    @Test
    void aGuardsRefusalIsForbiddenOrAConflictAndChangesNothing() {
        WorkItems guarded = WorkItems.builder()
                .storage(repo)
                .identities(fx.directory())
                .clock(fx.clock())
                .guard(FeedContract::noSelfApproval)
                .guard(FeedContract::approvalsAreNotCanceled)
                .guard(c -> c.isCreate() && "forbidden".equals(c.after().name())
                        ? WorkItemGuard.Verdict.conflict("no such items here")
                        : WorkItemGuard.Verdict.ALLOW)
                .build();
        WorkItem a = fx.approval(GINGER, 2); // requested by Ginger, owned by Ginger
        String first = a.approvalItems().get(0).id();
        List<FeedEvent> before = readAll(svc, 100);
        List<HistoryEvent> history = svc.history(admin(), a.id());
        var summary = svc.summary(admin(), GINGER);

        ForbiddenException forbidden = assertThrows(
                ForbiddenException.class,
                () -> guarded.approve(user(GINGER), a.id(), first),
                "the guard forbids self-approval");
        assertEquals(
                "the requester may not approve their own request",
                forbidden.getMessage(),
                "the guard's reason reaches the caller");
        assertEquals(403, forbidden.status(), "a guard's forbid is a 403");
        assertThrows(
                ForbiddenException.class,
                () -> guarded.bulkApprove(user(GINGER), a.id()),
                "the guard forbids self-approval in bulk too");
        ConflictException conflict = assertThrows(
                ConflictException.class,
                () -> guarded.cancel("host", a.id(), "withdrawn"),
                "the guard refuses the cancel of an approval item as a conflict");
        assertEquals(
                "approval items are returned, not canceled",
                conflict.getMessage(),
                "the guard's reason reaches the caller");
        assertEquals(
                ConflictException.DETAIL_CODE, conflict.detailCode(), "a guard's conflict is the contract's conflict");
        assertEquals(400, conflict.status(), "a guard's conflict is a 400");
        assertEquals(a.id(), conflict.workItemId(), "the conflict names the item");
        assertThrows(
                ConflictException.class,
                () -> guarded.create(dev.workitems.NewWorkItem.builder()
                        .type(WorkItemType.GENERIC)
                        .name("forbidden")
                        .description("refused at create")
                        .ownerId(FRED)
                        .build()),
                "the guard refuses the create as a conflict");

        assertEquals(a, svc.get(admin(), a.id()), "a refused change stores nothing");
        assertEquals(history, svc.history(admin(), a.id()), "a refused change appends no history");
        assertEquals(summary, svc.summary(admin(), GINGER), "a refused change moves no count");
        assertEquals(0, svc.countPending(admin(), FRED).count(), "the refused create stored nothing");
        assertEquals(before, readAll(svc, 100), "a refused change appends nothing to the feed");

        guarded.reject(user(GINGER), a.id(), first); // what the guards allow goes through
        guarded.approve(admin(), a.id(), a.approvalItems().get(1).id()); // an admin approving is no self-approval
        assertEquals(before.size() + 2, readAll(svc, 100).size(), "the two allowed changes are in the feed");
    }

    @Test
    void aGuardSeesTheChangeBeforeItIsStored() {
        List<WorkItemChange> seen = new ArrayList<>();
        List<Long> storedVersionMeanwhile = new ArrayList<>();
        WorkItems guarded = WorkItems.builder()
                .storage(repo)
                .identities(fx.directory())
                .clock(fx.clock())
                .guard(c -> {
                    seen.add(c);
                    storedVersionMeanwhile.add(
                            repo.findById(c.after().id()).map(WorkItem::version).orElse(0L));
                    return WorkItemGuard.Verdict.ALLOW;
                })
                .build();
        WorkItem a = guarded.create(dev.workitems.NewWorkItem.builder()
                .type(WorkItemType.GENERIC)
                .description("watched")
                .ownerId(FRED)
                .build());
        guarded.forward(user(FRED), a.id(), new ForwardRequest(CYD, "yours", false));
        guarded.complete(user(CYD), a.id());
        guarded.complete(user(CYD), a.id()); // changes nothing: no guard call
        assertEquals(3, seen.size(), "one guard call per change: " + seen);
        assertEquals(List.of(0L, 1L, 2L), storedVersionMeanwhile, "the guard runs before the change is stored");
        assertTrue(seen.get(0).isCreate(), "the first change is the creation");
        assertNull(seen.get(0).caller(), "create is host side: no caller");
        assertEquals(FRED, seen.get(1).before().ownerId(), "the owner before the forward");
        assertEquals(CYD, seen.get(1).after().ownerId(), "the owner after the forward");
        assertEquals(user(FRED), seen.get(1).caller(), "the caller of the forward");
        assertEquals(
                List.of(HistoryAction.FORWARDED),
                seen.get(1).events().stream().map(HistoryEvent::action).toList(),
                "the forward's events");
        assertEquals(WorkItemState.FINISHED, seen.get(2).after().state(), "the completion finishes the item");
    }

    /** A listener that hands every change to the test through a queue. */
    private static final class Recorder implements WorkItemListener {
        final BlockingQueue<WorkItemChange> changes = new LinkedBlockingQueue<>();

        @Override
        public void changed(WorkItemChange change) {
            changes.add(change);
        }

        WorkItemChange next() throws InterruptedException {
            WorkItemChange c = changes.poll(60, TimeUnit.SECONDS);
            if (c == null) {
                throw new AssertionError("no listener call within 60 s");
            }
            return c;
        }
    }

    @Test
    void listenersAreToldEachStoredChangeInOrderAndNothingElse() throws Exception {
        Recorder recorder = new Recorder();
        List<Long> storedVersionWhenTold = java.util.Collections.synchronizedList(new ArrayList<>());
        WorkItems told = WorkItems.builder()
                .storage(repo)
                .identities(fx.directory())
                .clock(fx.clock())
                .listener(c -> storedVersionWhenTold.add(
                        repo.findById(c.after().id()).orElseThrow().version()))
                .listener(recorder)
                .build();
        Thread caller = Thread.currentThread();
        List<Thread> threads = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CountDownLatch otherTold = new java.util.concurrent.CountDownLatch(1);
        WorkItems withThread = WorkItems.builder()
                .storage(repo)
                .identities(fx.directory())
                .clock(fx.clock())
                .listener(c -> {
                    threads.add(Thread.currentThread());
                    otherTold.countDown();
                })
                .build();

        WorkItem a = told.create(dev.workitems.NewWorkItem.builder()
                .type(WorkItemType.APPROVAL)
                .description("told")
                .ownerId(FRED)
                .requesterId(GINGER)
                .approvalItem(dev.workitems.NewApprovalItem.of("acct", "GitHub", "groups", "add", "x"))
                .build());
        String approval = a.approvalItems().get(0).id();
        assertThrows(
                ForbiddenException.class,
                () -> told.approve(user(CYD), a.id(), approval),
                "someone else's approval is forbidden");
        told.approve(user(FRED), a.id(), approval);
        told.approve(user(FRED), a.id(), approval); // changes nothing
        assertThrows(
                ConflictException.class,
                () -> told.reject(user(FRED), a.id(), approval),
                "rejecting an approved approval item is a conflict");
        told.forward(user(FRED), a.id(), new ForwardRequest(CYD, "please finish", false));
        told.complete(user(CYD), a.id());
        withThread.complete(user(CYD), a.id()); // nothing changes: no call
        withThread.create(dev.workitems.NewWorkItem.builder()
                .type(WorkItemType.GENERIC)
                .description("x")
                .ownerId(FRED)
                .build());

        List<WorkItemChange> got = List.of(recorder.next(), recorder.next(), recorder.next(), recorder.next());
        assertEquals(
                List.of(
                        HistoryAction.CREATED,
                        HistoryAction.APPROVED,
                        HistoryAction.FORWARDED,
                        HistoryAction.COMPLETED),
                got.stream().map(c -> c.events().get(0).action()).toList(),
                "stored changes only, in order");
        assertEquals(
                List.of(1L, 2L, 3L, 4L),
                got.stream().map(c -> c.after().version()).toList(),
                "the versions the listener was told, in order");
        assertEquals(user(FRED), got.get(1).caller(), "the caller of the approval");
        assertEquals(
                svc.history(admin(), a.id()),
                got.stream().flatMap(c -> c.events().stream()).toList(),
                "the listener saw exactly the item's history");
        assertEquals(4, storedVersionWhenTold.size(), "four stored changes, each with its stored version noted");
        for (int i = 0; i < 4; i++) {
            assertTrue(
                    storedVersionWhenTold.get(i) >= i + 1,
                    "change " + (i + 1) + " was stored when its listeners ran "
                            + "(the store held a later version, or that one): " + storedVersionWhenTold);
        }
        assertNull(recorder.changes.poll(), "nothing more");
        assertTrue(otherTold.await(60, TimeUnit.SECONDS), "the other instance's listener was told");
        assertEquals(1, threads.size(), "one change on the other instance");
        assertTrue(threads.get(0) != caller, "listeners never run on the caller's thread");
    }

    @Test
    void aThrowingListenerNeverFailsTheCallOrSilencesTheOthers() throws Exception {
        Recorder recorder = new Recorder();
        WorkItems told = WorkItems.builder()
                .storage(repo)
                .identities(fx.directory())
                .clock(fx.clock())
                .listener(c -> {
                    throw new IllegalStateException("listener bug on purpose");
                })
                .listener(recorder)
                .build();
        WorkItem a = told.create(dev.workitems.NewWorkItem.builder()
                .type(WorkItemType.GENERIC)
                .description("x")
                .ownerId(FRED)
                .build());
        WorkItem done = told.complete(user(FRED), a.id());
        assertEquals(WorkItemState.FINISHED, done.state(), "the call succeeds although a listener throws");
        assertEquals(WorkItemState.FINISHED, svc.get(admin(), a.id()).state(), "the change stays stored");
        assertEquals(1, recorder.next().after().version(), "the next listener is told of the creation");
        assertEquals(2, recorder.next().after().version(), "the next listener is told of the completion");
    }

    @Test
    void aSlowListenerNeverBlocksCallers() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Recorder recorder = new Recorder();
        WorkItems told = WorkItems.builder()
                .storage(repo)
                .identities(fx.directory())
                .clock(fx.clock())
                .listener(c -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                .listener(recorder)
                .build();
        for (int i = 0; i < 20; i++) {
            told.create(dev.workitems.NewWorkItem.builder()
                    .type(WorkItemType.GENERIC)
                    .description("item " + i)
                    .ownerId(FRED)
                    .build());
        }
        assertEquals(20, svc.countPending(admin(), FRED).count(), "every call returned while the listener was stuck");
        assertNull(recorder.changes.poll(), "the stuck listener holds the ones after it");
        release.countDown();
        for (int i = 0; i < 20; i++) {
            assertEquals(
                    "item " + i,
                    recorder.next().after().description(),
                    "the changes arrive in order once the listener is released: change " + i);
        }
    }
}
