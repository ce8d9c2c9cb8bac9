package dev.workitems.testkit;

import static dev.workitems.testkit.Fixture.ADA;
import static dev.workitems.testkit.Fixture.CYD;
import static dev.workitems.testkit.Fixture.FRED;
import static dev.workitems.testkit.Fixture.GINGER;
import static dev.workitems.testkit.Fixture.NOBODY;
import static dev.workitems.testkit.Fixture.START;
import static dev.workitems.testkit.Fixture.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workitems.ConflictException;
import dev.workitems.HistoryAction;
import dev.workitems.HistoryEvent;
import dev.workitems.InvalidRequestException;
import dev.workitems.LifecycleOptions;
import dev.workitems.ListQuery;
import dev.workitems.NewApprovalItem;
import dev.workitems.NewWorkItem;
import dev.workitems.SweepResult;
import dev.workitems.Timers;
import dev.workitems.Timers.At;
import dev.workitems.Timers.Reminders;
import dev.workitems.Timers.Step;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemState;
import dev.workitems.WorkItemSummary;
import dev.workitems.WorkItemType;
import dev.workitems.WorkItems;
import dev.workitems.spi.DueQuery;
import dev.workitems.spi.TimerNotification;
import dev.workitems.spi.WorkItemGuard;
import dev.workitems.spi.WorkItemRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of timers (deadlines, reminders, escalation, expiry), through the service over a store, on a
 * {@link MutableClock}: each rule fires at its time and not a millisecond before; reminders repeat up to their maximum;
 * steps run in order, each once; an item decided or completed before its time gets nothing more; expiry moves the item
 * to {@code Expired} and the counts follow; a resolver that names nobody is recorded and skipped; bad timers are
 * refused naming the field, with nothing stored; the store's due index ({@link WorkItemRepository#findDue}) returns
 * exactly the items due, in order; and two services sweeping one store at once apply every action exactly once. Extend
 * it and implement {@link #newRepository()}.
 */
public abstract class TimersContract {

    /** @return a new, empty store; called once per test */
    protected abstract WorkItemRepository newRepository();

    /** @param repository a store made by {@link #newRepository()}, to close after its test */
    protected void release(WorkItemRepository repository) {}

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);

    private final List<WorkItemRepository> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(this::release);
        opened.clear();
    }

    private Fixture fixture(Consumer<WorkItems.Builder> more) {
        WorkItemRepository repo = newRepository();
        opened.add(repo);
        return new Fixture(repo, LifecycleOptions.DEFAULTS, 11, more);
    }

    private Fixture fixture() {
        return fixture(b -> {});
    }

    private static WorkItem create(Fixture fx, String owner, int approvals, Timers timers) {
        NewWorkItem.Builder b = NewWorkItem.builder()
                .type(WorkItemType.APPROVAL)
                .name("Access Request")
                .description("Approve access to GitHub for Fred.Astaire")
                .ownerId(owner)
                .requesterId(GINGER)
                .timers(timers);
        for (int i = 0; i < approvals; i++) {
            b.approvalItem(NewApprovalItem.of("fred-astaire-sp", "GitHub", "groups", "add", "team-" + i));
        }
        return fx.service().create(b.build());
    }

    private static List<HistoryEvent> events(Fixture fx, String id, HistoryAction action) {
        return fx.service().history(Fixture.admin(), id).stream()
                .filter(e -> e.action() == action)
                .toList();
    }

    private static WorkItem stored(Fixture fx, String id) {
        return fx.service().get(Fixture.admin(), id);
    }

    /** Moves the clock to {@code at} and sweeps. */
    private static SweepResult sweepAt(Fixture fx, Instant at) {
        fx.clock().set(at);
        return fx.service().sweep();
    }

    // ---- reminders ---------------------------------------------------------------------------------------------

    @Test
    void aReminderFiresAtItsTimeAndNotAMillisecondBeforeAndRepeatsUpToItsMaximum() {
        Fixture fx = fixture();
        WorkItem w = create(
                fx,
                FRED,
                1,
                Timers.builder()
                        .reminders(Reminders.every(At.afterCreation(Duration.ofDays(2)), DAY, 3))
                        .build());
        Instant first = START.plus(Duration.ofDays(2));
        assertEquals(first, w.timerDue(), "the item's next timer is its first reminder");

        SweepResult early = sweepAt(fx, first.minusMillis(1));
        assertEquals(0, early.actions(), "a millisecond before its time, nothing is due: " + early);
        assertEquals(List.of(), events(fx, w.id(), HistoryAction.REMINDED));
        assertEquals(List.of(), fx.timerNotifications());

        SweepResult onTime = sweepAt(fx, first);
        assertEquals(1, onTime.reminders(), "at its time the reminder is sent: " + onTime);
        List<HistoryEvent> reminded = events(fx, w.id(), HistoryAction.REMINDED);
        assertEquals(1, reminded.size());
        HistoryEvent e = reminded.get(0);
        assertEquals("timer", e.actorId(), "the clock acts as 'timer'");
        assertEquals(first, e.at());
        assertEquals("timer", e.data().get("cause"));
        assertEquals("reminders", e.data().get("rule"));
        assertEquals(1L, e.data().get("reminder"));
        assertEquals(first.toString(), e.data().get("dueAt"));
        assertEquals(FRED, e.data().get("ownerId"));
        TimerNotification n = fx.timerNotifications().get(0);
        assertEquals(TimerNotification.Kind.REMINDER, n.kind());
        assertEquals(FRED, n.recipientId(), "a reminder goes to the owner");
        assertEquals(1, n.number());

        assertEquals(0, fx.service().sweep().actions(), "a second sweep at the same time finds it done");
        assertEquals(0, sweepAt(fx, first.plus(DAY).minusMillis(1)).actions());
        assertEquals(1, sweepAt(fx, first.plus(DAY)).reminders(), "the second, a day later");
        assertEquals(1, sweepAt(fx, first.plus(DAY.multipliedBy(2))).reminders(), "the third");
        assertNull(stored(fx, w.id()).timerDue(), "after the last reminder nothing is left to do");
        assertEquals(0, sweepAt(fx, first.plus(Duration.ofDays(30))).actions(), "no fourth reminder");
        assertEquals(3, events(fx, w.id(), HistoryAction.REMINDED).size());
        assertEquals(3, fx.timerNotifications().size());
        assertEquals(3, stored(fx, w.id()).timers().remindersSent());
        assertEquals(WorkItemState.PENDING, stored(fx, w.id()).state(), "reminders change only the item's timers");
    }

    @Test
    void aLateSweepSendsOneReminderForAllThatFellDue() {
        Fixture fx = fixture();
        WorkItem w = create(
                fx,
                FRED,
                1,
                Timers.builder()
                        .reminders(Reminders.every(At.afterCreation(HOUR), HOUR, 5))
                        .build());
        SweepResult r = sweepAt(fx, START.plus(Duration.ofMinutes(210)));
        assertEquals(1, r.reminders(), "one reminder, not a burst: " + r);
        HistoryEvent e = events(fx, w.id(), HistoryAction.REMINDED).get(0);
        assertEquals(3L, e.data().get("reminder"), "it stands for the third");
        assertEquals(3L, e.data().get("covers"));
        assertEquals(START.plus(Duration.ofHours(3)).toString(), e.data().get("dueAt"));
        assertEquals(START.plus(Duration.ofHours(4)), stored(fx, w.id()).timerDue(), "the fourth is next");
        assertEquals(1, fx.timerNotifications().size());
    }

    @Test
    void aReminderBeforeTheDeadlineCountsFromTheDeadline() {
        Fixture fx = fixture();
        Instant due = START.plus(Duration.ofDays(5));
        WorkItem w = create(
                fx,
                FRED,
                1,
                Timers.builder()
                        .due(due)
                        .reminders(Reminders.once(At.beforeDeadline(DAY)))
                        .build());
        assertEquals(due.minus(DAY), w.timerDue());
        assertEquals(0, sweepAt(fx, due.minus(DAY).minusMillis(1)).actions());
        assertEquals(1, sweepAt(fx, due.minus(DAY)).reminders());
    }

    // ---- escalation --------------------------------------------------------------------------------------------

    private static Timers ladder(Instant due) {
        return Timers.builder()
                .due(due)
                .step(Step.notify(At.afterCreation(Duration.ofDays(2)), CYD))
                .step(Step.reassignResolved(At.afterCreation(Duration.ofDays(3))))
                .step(Step.rejectRemaining(At.deadline()))
                .step(Step.expire(At.afterDeadline(DAY), "no answer within a day of the deadline"))
                .build();
    }

    @Test
    void escalationStepsRunInOrderEachOnceAtTheirTime() {
        Fixture fx = fixture();
        Instant due = START.plus(Duration.ofDays(5));
        WorkItem w = create(fx, FRED, 2, ladder(due));
        fx.service().approve(user(FRED), w.id(), w.approvalItems().get(0).id());

        // step 0: notify Cyd
        assertEquals(
                0, sweepAt(fx, START.plus(Duration.ofDays(2)).minusMillis(1)).actions());
        assertEquals(1, sweepAt(fx, START.plus(Duration.ofDays(2))).escalations());
        List<HistoryEvent> esc = events(fx, w.id(), HistoryAction.ESCALATED);
        assertEquals(1, esc.size());
        assertEquals("escalation[0]", esc.get(0).data().get("rule"));
        assertEquals("notify", esc.get(0).data().get("kind"));
        assertEquals("applied", esc.get(0).data().get("outcome"));
        assertEquals(CYD, esc.get(0).data().get("recipientId"));
        assertEquals(CYD, fx.timerNotifications().get(0).recipientId());
        assertEquals(FRED, stored(fx, w.id()).ownerId(), "a notify step does not move the item");

        // step 1: reassign to the owner's manager (Fred's is Ginger)
        assertEquals(
                0, sweepAt(fx, START.plus(Duration.ofDays(3)).minusMillis(1)).actions());
        assertEquals(1, sweepAt(fx, START.plus(Duration.ofDays(3))).escalations());
        WorkItem moved = stored(fx, w.id());
        assertEquals(GINGER, moved.ownerId());
        assertEquals("Ginger.Rogers", moved.ownerName());
        assertEquals(0, fx.service().countPending(user(FRED), null).count(), "Fred's list lost it");
        assertEquals(1, fx.service().countPending(user(GINGER), null).count(), "Ginger's list has it");
        assertEquals(
                List.of(w.id()),
                fx.service().listPending(user(GINGER), ListQuery.firstPage()).items().stream()
                        .map(WorkItem::id)
                        .toList());
        HistoryEvent reassign = events(fx, w.id(), HistoryAction.ESCALATED).get(1);
        assertEquals(FRED, reassign.data().get("previousOwnerId"));
        assertEquals(GINGER, reassign.data().get("newOwnerId"));
        TimerNotification told = fx.timerNotifications().get(1);
        assertEquals(GINGER, told.recipientId(), "the new owner is told");

        // step 2: reject what is left, at the deadline
        assertEquals(0, sweepAt(fx, due.minusMillis(1)).actions());
        assertEquals(1, sweepAt(fx, due).escalations());
        WorkItem decided = stored(fx, w.id());
        assertEquals(WorkItemState.FINISHED, decided.approvalItems().get(0).state(), "a decided item stays decided");
        assertEquals(WorkItemState.REJECTED, decided.approvalItems().get(1).state(), "the undecided one is rejected");
        HistoryEvent rejected = events(fx, w.id(), HistoryAction.REJECTED).get(0);
        assertEquals("timer", rejected.actorId());
        assertEquals(decided.approvalItems().get(1).id(), rejected.data().get("approvalItemId"));
        assertEquals(
                WorkItemState.PENDING, decided.state(), "D6 off: deciding the last approval item leaves it Pending");

        // step 3: expire, a day after the deadline
        assertEquals(0, sweepAt(fx, due.plus(DAY).minusMillis(1)).actions());
        assertEquals(1, sweepAt(fx, due.plus(DAY)).escalations());
        WorkItem expired = stored(fx, w.id());
        assertEquals(WorkItemState.EXPIRED, expired.state());
        assertEquals(due.plus(DAY), expired.completed());
        HistoryEvent exp = events(fx, w.id(), HistoryAction.EXPIRED).get(0);
        assertEquals("no answer within a day of the deadline", exp.comment());
        assertEquals("timer", exp.actorId());
        assertNull(expired.timerDue());

        assertEquals(0, sweepAt(fx, due.plus(Duration.ofDays(60))).actions(), "every step ran once");
        assertEquals(4, events(fx, w.id(), HistoryAction.ESCALATED).size());
        assertEquals(List.of(0L, 1L, 2L, 3L), stepsOf(fx, w.id()));
        WorkItemSummary ginger = fx.service().summary(user(GINGER), null);
        assertEquals(0, ginger.open());
        assertEquals(1, ginger.completed(), "the expired item is listed as completed for its owner");
    }

    private static List<Long> stepsOf(Fixture fx, String id) {
        return events(fx, id, HistoryAction.ESCALATED).stream()
                .map(e -> (Long) e.data().get("step"))
                .toList();
    }

    @Test
    void oneLateSweepRunsEveryDueStepInOrderAsSeparateChanges() {
        Fixture fx = fixture();
        Instant due = START.plus(Duration.ofDays(5));
        WorkItem w = create(fx, FRED, 2, ladder(due));
        SweepResult r = sweepAt(fx, due.plus(Duration.ofDays(10)));
        assertEquals(4, r.escalations(), "all four steps: " + r);
        assertEquals(1, r.items());
        assertEquals(List.of(0L, 1L, 2L, 3L), stepsOf(fx, w.id()), "in order");
        List<HistoryEvent> all = fx.service().history(Fixture.admin(), w.id());
        long versions = all.stream().map(HistoryEvent::itemVersion).distinct().count();
        assertEquals(5, versions, "created, then one change per step");
        assertEquals(WorkItemState.EXPIRED, stored(fx, w.id()).state());
    }

    @Test
    void anItemDecidedOrCompletedBeforeItsTimeGetsNothingMore() {
        Fixture fx = fixture();
        Instant due = START.plus(Duration.ofDays(5));
        Timers timers = Timers.builder()
                .due(due)
                .reminders(Reminders.every(At.afterCreation(DAY), DAY, 10))
                .step(Step.expire(At.deadline(), "too late"))
                .build();
        WorkItem done = create(fx, FRED, 1, timers);
        WorkItem canceled = create(fx, FRED, 1, timers);
        WorkItem open = create(fx, FRED, 1, timers);
        fx.tick(HOUR.toMillis());
        fx.service().bulkApprove(user(FRED), done.id());
        fx.service().complete(user(FRED), done.id());
        fx.service().cancel(ADA, canceled.id(), "withdrawn");
        assertNull(stored(fx, done.id()).timerDue(), "a completed item has nothing due");
        assertEquals(
                List.of(open.id()),
                fx.storage().findDue(DueQuery.first(due.plus(DAY), 100)).stream()
                        .map(WorkItem::id)
                        .toList(),
                "the due index holds only the Pending item");

        SweepResult r = sweepAt(fx, due.plus(DAY));
        assertEquals(1, r.items(), "only the open item was due: " + r);
        assertEquals(List.of(), events(fx, done.id(), HistoryAction.REMINDED));
        assertEquals(List.of(), events(fx, canceled.id(), HistoryAction.ESCALATED));
        assertEquals(WorkItemState.FINISHED, stored(fx, done.id()).state());
        assertEquals(WorkItemState.CANCELED, stored(fx, canceled.id()).state());
        assertEquals(WorkItemState.EXPIRED, stored(fx, open.id()).state());
    }

    @Test
    void expiryMovesTheItemToExpiredAndBothCountsAndListsFollow() {
        Fixture fx = fixture();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(create(
                            fx,
                            FRED,
                            1,
                            Timers.builder()
                                    .step(Step.expire(At.afterCreation(Duration.ofDays(1 + i)), "expired " + i))
                                    .build())
                    .id());
        }
        fx.generic(FRED);
        sweepAt(fx, START.plus(Duration.ofDays(2)));
        WorkItemSummary s = fx.service().summary(user(FRED), null);
        assertEquals(2, s.open(), "the generic item and the third approval stay pending");
        assertEquals(2, s.completed());
        assertEquals(2, fx.service().countCompleted(user(FRED), null).count());
        List<String> completed = fx.service().listCompleted(user(FRED), ListQuery.firstPage()).items().stream()
                .map(WorkItem::id)
                .toList();
        assertEquals(Set.of(ids.get(0), ids.get(1)), new HashSet<>(completed), "the two expired items");
        assertTrue(
                fx.service().listPending(user(FRED), ListQuery.firstPage()).items().stream()
                        .anyMatch(w -> w.id().equals(ids.get(2))),
                "the item not yet due is still pending");
    }

    @Test
    void aResolverThatNamesNobodyOrAnUnknownIdentityIsRecordedAndSkipped() {
        Fixture fx = fixture();
        Timers t = Timers.builder()
                .step(Step.reassignResolved(At.afterCreation(DAY)))
                .step(Step.notifyResolved(At.afterCreation(DAY.multipliedBy(2))))
                .build();
        WorkItem cyd = create(fx, CYD, 1, t); // Cyd has no manager
        WorkItem ada = create(fx, ADA, 1, t); // Ada's manager is unknown to the directory
        SweepResult r = sweepAt(fx, START.plus(DAY.multipliedBy(3)));
        assertEquals(4, r.escalations(), "skipped steps are recorded as run: " + r);
        assertEquals(0, r.failures());
        for (WorkItem w : List.of(cyd, ada)) {
            WorkItem after = stored(fx, w.id());
            assertEquals(w.ownerId(), after.ownerId(), "nobody to reassign to: the owner stays");
            for (HistoryEvent e : events(fx, w.id(), HistoryAction.ESCALATED)) {
                assertEquals("skipped", e.data().get("outcome"));
                assertNotNull(e.comment(), "the skip says why");
            }
            assertNull(after.timerDue(), "a skipped step is done, not retried");
        }
        assertTrue(
                events(fx, cyd.id(), HistoryAction.ESCALATED).get(0).comment().contains("nobody"),
                "the resolver named nobody");
        assertTrue(
                events(fx, ada.id(), HistoryAction.ESCALATED).get(0).comment().contains(NOBODY),
                "the unknown identity is named");
        assertEquals(List.of(), fx.timerNotifications(), "nobody to tell");
    }

    @Test
    void autoCompleteFinishesTheItemWhenATimeoutDecidesTheLastApprovalItem() {
        WorkItemRepository repo = newRepository();
        opened.add(repo);
        Fixture fx = new Fixture(repo, new LifecycleOptions(true, true), 5, b -> {});
        WorkItem w = create(
                fx,
                FRED,
                2,
                Timers.builder()
                        .step(Step.approveRemaining(At.afterCreation(DAY)))
                        .build());
        sweepAt(fx, START.plus(DAY));
        WorkItem after = stored(fx, w.id());
        assertEquals(WorkItemState.FINISHED, after.state(), "D6 on: the timeout finishes the item");
        assertTrue(after.approvalItems().stream().allMatch(a -> a.state() == WorkItemState.FINISHED));
    }

    // ---- defaults and changes ----------------------------------------------------------------------------------

    @Test
    void builderDefaultsApplyPerTypeAndARequestOverridesThem() {
        Timers approvals = Timers.builder()
                .dueAfter(Duration.ofDays(30))
                .reminders(Reminders.every(At.afterCreation(Duration.ofHours(48)), DAY, 3))
                .step(Step.expire(At.deadline(), "no decision within 30 days"))
                .build();
        Fixture fx = fixture(b -> b.defaultTimers(WorkItemType.APPROVAL, approvals));
        WorkItem a = fx.approval(FRED, 1);
        assertEquals(START.plus(Duration.ofDays(30)), a.timers().due(), "the deadline counts from creation");
        assertNull(a.timers().dueAfter());
        assertEquals(START.plus(Duration.ofHours(48)), a.timerDue());
        assertNull(fx.generic(FRED).timers(), "no defaults for Generic items");
        WorkItem none = create(fx, FRED, 1, Timers.NONE);
        assertNull(none.timers(), "Timers.NONE overrides the defaults");
        Timers own = Timers.builder()
                .step(Step.expire(At.afterCreation(HOUR), "mine"))
                .build();
        assertEquals(START.plus(HOUR), create(fx, FRED, 1, own).timerDue(), "the request's own timers win");
        assertEquals(a, stored(fx, a.id()), "the timers are stored with the item");
    }

    @Test
    void rescheduleMovesTheDeadlineAndKeepsWhatRan() {
        Fixture fx = fixture();
        Instant due = START.plus(Duration.ofDays(5));
        WorkItem w = create(
                fx,
                FRED,
                1,
                Timers.builder()
                        .due(due)
                        .reminders(Reminders.every(At.afterCreation(DAY), DAY, 3))
                        .step(Step.expire(At.deadline(), "late"))
                        .build());
        sweepAt(fx, START.plus(DAY));
        assertEquals(1, stored(fx, w.id()).timers().remindersSent());
        Instant later = due.plus(Duration.ofDays(5));
        WorkItem moved = fx.service()
                .reschedule(
                        ADA,
                        w.id(),
                        Timers.builder()
                                .due(later)
                                .reminders(Reminders.every(At.afterCreation(DAY), DAY, 3))
                                .step(Step.expire(At.deadline(), "late"))
                                .build());
        assertEquals(later, moved.timers().due());
        assertEquals(1, moved.timers().remindersSent(), "the reminder already sent counts");
        HistoryEvent e = events(fx, w.id(), HistoryAction.RESCHEDULED).get(0);
        assertEquals(ADA, e.actorId());
        assertEquals(due.toString(), e.data().get("previousDue"));
        assertEquals(later.toString(), e.data().get("due"));
        sweepAt(fx, due.plus(HOUR));
        assertEquals(WorkItemState.PENDING, stored(fx, w.id()).state(), "the old deadline passed without effect");
        assertEquals(3, stored(fx, w.id()).timers().remindersSent(), "the other two reminders fell due meanwhile");
        sweepAt(fx, later);
        assertEquals(WorkItemState.EXPIRED, stored(fx, w.id()).state(), "the new deadline expired it");

        assertThrows(ConflictException.class, () -> fx.service().reschedule(ADA, w.id(), Timers.NONE));
        WorkItem other =
                create(fx, FRED, 1, Timers.builder().due(later.plus(DAY)).build());
        WorkItem cleared = fx.service().reschedule(ADA, other.id(), Timers.NONE);
        assertNull(cleared.timers(), "rescheduling to none removes the timers");
        InvalidRequestException past = assertThrows(
                InvalidRequestException.class,
                () -> fx.service()
                        .reschedule(
                                ADA,
                                other.id(),
                                Timers.builder().due(later.minusMillis(1)).build()));
        assertEquals(List.of("timers.due"), past.parameters());
        assertEquals(cleared, stored(fx, other.id()), "a refused reschedule changes nothing");
    }

    // ---- bad input ---------------------------------------------------------------------------------------------

    @Test
    void badTimersAreRefusedNamingTheFieldAndNothingIsStored() {
        Fixture fx = fixture();
        long feedBefore = fx.service().feed(0, 1000).size();
        Map<String, Runnable> bad = new HashMap<>();
        bad.put(
                "timers.due",
                () -> create(fx, FRED, 1, Timers.builder().due(START).build()));
        bad.put(
                "timers.escalation[0].identityId",
                () -> create(
                        fx,
                        FRED,
                        1,
                        Timers.builder()
                                .step(Step.reassignTo(At.afterCreation(DAY), NOBODY))
                                .build()));
        bad.put(
                "timers.escalation[1].at",
                () -> create(
                        fx,
                        FRED,
                        1,
                        Timers.builder()
                                .due(START.plus(DAY))
                                .step(Step.notify(At.afterCreation(Duration.ofDays(2)), CYD))
                                .step(Step.expire(At.deadline(), "x"))
                                .build()));
        bad.put("timers.reminders.every", () -> Reminders.every(At.afterCreation(DAY), null, 2));
        bad.put("at.offset", () -> At.afterCreation(Duration.ofMillis(-1)));
        bad.put("timers.dueAfter", () -> Timers.builder().dueAfter(Duration.ofDays(-1)));
        bad.put("timers.reminders.max", () -> Reminders.every(At.afterCreation(DAY), DAY, 0));
        bad.put(
                "timers.reminders.first",
                () -> Timers.builder()
                        .reminders(Reminders.once(At.beforeDeadline(DAY)))
                        .build());
        bad.put("timers.escalation.reason", () -> Step.expire(At.afterCreation(DAY), " "));
        for (Map.Entry<String, Runnable> c : bad.entrySet()) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, c.getValue()::run, c.getKey());
            assertEquals(List.of(c.getKey()), e.parameters(), "the error names the field: " + e.getMessage());
            assertEquals(400, e.status());
        }
        assertEquals(0, fx.service().countPending(user(FRED), null).count(), "nothing stored");
        assertEquals(feedBefore, fx.service().feed(0, 1000).size(), "no event");
        InvalidRequestException unknown = assertThrows(
                InvalidRequestException.class,
                () -> create(
                        fx,
                        FRED,
                        1,
                        Timers.builder()
                                .step(Step.notify(At.afterCreation(DAY), NOBODY))
                                .build()));
        assertEquals(InvalidRequestException.REFERENCED_OBJECT_NOT_FOUND, unknown.detailCode());
    }

    // ---- failures ----------------------------------------------------------------------------------------------

    @Test
    void aRefusedTimedChangeStaysDueAndANotifierFailureDoesNotUndoAChange() {
        AtomicBoolean refuse = new AtomicBoolean(true);
        Fixture fx = fixture(b -> b.guard(change ->
                        refuse.get() && change.events().get(0).actorId().equals("timer")
                                ? WorkItemGuard.Verdict.conflict("frozen for audit")
                                : WorkItemGuard.Verdict.ALLOW)
                .timerNotifier(n -> {
                    throw new IllegalStateException("mail server down");
                }));
        WorkItem w = create(
                fx,
                FRED,
                1,
                Timers.builder()
                        .reminders(Reminders.once(At.afterCreation(DAY)))
                        .build());
        WorkItem other = create(
                fx,
                GINGER,
                1,
                Timers.builder()
                        .reminders(Reminders.once(At.afterCreation(DAY.plusMillis(1))))
                        .build());
        SweepResult refused = sweepAt(fx, START.plus(DAY.multipliedBy(2)));
        assertEquals(2, refused.failures(), "both refused: " + refused);
        assertEquals(w, stored(fx, w.id()), "a refused change changes nothing");
        refuse.set(false);
        SweepResult next = fx.service().sweep();
        assertEquals(2, next.reminders(), "still due, applied by the next sweep: " + next);
        assertEquals(0, next.failures(), "a failing notifier is not a failed change");
        assertEquals(1, events(fx, other.id(), HistoryAction.REMINDED).size());
    }

    // ---- the due index -----------------------------------------------------------------------------------------

    @Test
    void theDueIndexReturnsExactlyThePendingItemsDueInOrderFromAPosition() {
        Fixture fx = fixture();
        List<WorkItem> made = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Duration at = Duration.ofHours(1 + i % 4); // several items share each due time
            made.add(create(
                    fx,
                    FRED,
                    1,
                    Timers.builder()
                            .reminders(Reminders.once(At.afterCreation(at)))
                            .build()));
        }
        fx.generic(FRED);
        fx.service().cancel(ADA, made.get(0).id(), "gone");
        Instant now = START.plus(Duration.ofHours(3));
        List<WorkItem> want = made.stream()
                .skip(1)
                .filter(w -> !w.timerDue().isAfter(now))
                .sorted(java.util.Comparator.comparing(WorkItem::timerDue).thenComparing(WorkItem::id))
                .toList();
        List<WorkItem> all = fx.storage().findDue(DueQuery.first(now, 1000));
        assertEquals(ids(want), ids(all), "due by now, in (due, id) order, canceled and not-yet-due left out");
        List<WorkItem> paged = new ArrayList<>();
        DueQuery q = DueQuery.first(now, 2);
        while (true) {
            List<WorkItem> batch = fx.storage().findDue(q);
            paged.addAll(batch);
            if (batch.size() < 2) {
                break;
            }
            WorkItem last = batch.get(batch.size() - 1);
            q = q.after(last.timerDue(), last.id());
        }
        assertEquals(ids(want), ids(paged), "batches from a position read each item once");
        assertEquals(all, paged, "whole items are returned");
        assertEquals(
                List.of(), fx.storage().findDue(DueQuery.first(START.plus(HOUR).minusMillis(1), 10)));
    }

    private static List<String> ids(List<WorkItem> items) {
        return items.stream().map(WorkItem::id).toList();
    }

    // ---- several instances -------------------------------------------------------------------------------------

    @Test
    void twoServicesSweepingOneStoreAtOnceManyTimesApplyEveryActionExactlyOnce() throws Exception {
        WorkItemRepository repo = newRepository();
        opened.add(repo);
        Fixture a = new Fixture(repo, LifecycleOptions.DEFAULTS, 21, b -> b.sweepBatch(7));
        Fixture b = new Fixture(repo, LifecycleOptions.DEFAULTS, 22, x -> x.sweepBatch(5));
        int items = 40;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            ids.add(create(
                            a,
                            i % 2 == 0 ? FRED : GINGER,
                            2,
                            Timers.builder()
                                    .reminders(Reminders.every(At.afterCreation(HOUR), HOUR, 3))
                                    .step(Step.notify(At.afterCreation(Duration.ofMinutes(90)), CYD))
                                    .step(Step.reassignResolved(At.afterCreation(Duration.ofMinutes(150))))
                                    .step(Step.approveRemaining(At.afterCreation(Duration.ofMinutes(150))))
                                    .build())
                    .id());
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= 20; round++) {
                // ten times, each twice: the second pair of sweeps at the same time must find everything done
                Instant t = START.plus(Duration.ofMinutes(20L * ((round + 1) / 2)));
                a.clock().set(t);
                b.clock().set(t);
                CountDownLatch go = new CountDownLatch(1);
                Future<SweepResult> fa = pool.submit(() -> {
                    go.await();
                    return a.service().sweep();
                });
                Future<SweepResult> fb = pool.submit(() -> {
                    go.await();
                    return b.service().sweep();
                });
                go.countDown();
                SweepResult ra = fa.get(60, TimeUnit.SECONDS);
                SweepResult rb = fb.get(60, TimeUnit.SECONDS);
                assertEquals(0, ra.failures() + rb.failures(), "no failures: " + ra + " " + rb);
            }
        } finally {
            pool.shutdownNow();
        }
        int reminders = 0;
        for (String id : ids) {
            List<HistoryEvent> h = a.service().history(Fixture.admin(), id);
            List<Long> numbers = h.stream()
                    .filter(e -> e.action() == HistoryAction.REMINDED)
                    .map(e -> (Long) e.data().get("reminder"))
                    .toList();
            assertEquals(numbers.stream().distinct().toList(), numbers, "no reminder twice on " + id);
            reminders += numbers.size();
            assertEquals(List.of(0L, 1L, 2L), stepsOf(a, id), "each step once, in order, on " + id);
            Set<Long> versions = new HashSet<>();
            h.forEach(e -> versions.add(e.itemVersion()));
            WorkItem w = stored(a, id);
            assertEquals(versions.size(), w.version(), "one version per change: nothing written twice");
            assertEquals(3, w.timers().remindersSent());
            assertTrue(w.approvalItems().stream().allMatch(x -> x.state() == WorkItemState.FINISHED));
        }
        int notifications =
                a.timerNotifications().size() + b.timerNotifications().size();
        // per item: its reminders, the notify step, and the reassignment (Fred's to Ginger, Ginger's to Cyd)
        assertEquals(reminders + 2 * items, notifications, "each stored action notified once");
        for (String owner : List.of(FRED, GINGER, CYD)) {
            assertEquals(
                    a.service().countPending(user(owner), null).count(),
                    a.service()
                            .listPending(user(owner), ListQuery.firstPage())
                            .items()
                            .size(),
                    "counts equal lists for " + owner);
        }
        assertEquals(items / 2, a.service().countPending(user(GINGER), null).count(), "Fred's went to Ginger");
        assertEquals(items / 2, a.service().countPending(user(CYD), null).count(), "Ginger's went to Cyd");
    }
}
