package dev.workitems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The state machine keeps its own table ({@link Transitions#cell}): every work-item state x action, in every variant
 * that matters (approval item state, forward target, form, selection, options), does what its cell says: a conflict
 * cell always conflicts, a repeat-only cell answers a repeat unchanged and anything else with a conflict, a change cell
 * moves the item to the cell's state (or its alternative, under the cell's rule) unless the action repeats what is so.
 * Errors other than the contract's never escape.
 */
class TransitionTableTest {

    private static final Instant T0 = Instant.parse("2026-04-01T12:00:00Z");
    private static final Instant NOW = T0.plusSeconds(30);
    private static final String SAME = "same";
    private static final String CONFLICT = "conflict";

    private static final Form FORM = new Form(
            "f1",
            "AccountSelection Form",
            "Account Selection",
            "Pick one",
            "Fred.Astaire",
            List.of(new FormSection(
                    "Field1",
                    "Section 1",
                    List.of(Map.of("name", "account", "type", "select", "options", List.of("x", "y"))))));

    private static WorkItem item(
            WorkItemState state, List<ApprovalItem> approvals, boolean form, Map<String, Object> selection) {
        return WorkItem.builder()
                .id("w1")
                .ownerId("fred")
                .ownerName("Fred")
                .created(T0)
                .description("d")
                .type(WorkItemType.APPROVAL)
                .state(state)
                .completed(state == WorkItemState.PENDING ? null : T0.plusSeconds(1))
                .approvalItems(approvals)
                .form(form ? FORM : null)
                .accountSelection(selection)
                .version(3)
                .build();
    }

    private static List<ApprovalItem> approvals(WorkItemState... states) {
        List<ApprovalItem> out = new ArrayList<>();
        for (int i = 0; i < states.length; i++) {
            out.add(new ApprovalItem("a" + i, "acct", "GitHub", "groups", "add", "v" + i, states[i]));
        }
        return out;
    }

    private static Action action(ActionKind kind, String approvalId, String target, Map<String, Object> selection) {
        return switch (kind) {
            case COMPLETE -> new Action.Complete("actor");
            case APPROVE -> new Action.Approve("actor", approvalId);
            case REJECT -> new Action.Reject("actor", approvalId);
            case BULK_APPROVE -> new Action.BulkApprove("actor");
            case BULK_REJECT -> new Action.BulkReject("actor");
            case FORWARD -> new Action.Forward("actor", target, target + " name", "comment", true);
            case SUBMIT_ACCOUNT_SELECTION -> new Action.SubmitAccountSelection("actor", selection);
            case RETURN -> new Action.Return("actor", "reason");
            case EXPIRE -> new Action.Expire("actor", "reason");
            case CANCEL -> new Action.Cancel("actor", "reason");
            case REMIND -> new Action.Remind("actor", NOW);
            case ESCALATE_NOTIFY -> new Action.Escalate("actor", NOW, 0, Timers.Kind.NOTIFY, target, target, null);
            case ESCALATE_REASSIGN -> new Action.Escalate("actor", NOW, 0, Timers.Kind.REASSIGN, target, target, null);
            case ESCALATE_DECIDE -> new Action.Escalate("actor", NOW, 0, Timers.Kind.DECIDE, null, null, null);
            case ESCALATE_EXPIRE -> new Action.Escalate("actor", NOW, 0, Timers.Kind.EXPIRE, null, null, null);
            case RESCHEDULE ->
                new Action.Reschedule(
                        "actor", Timers.builder().due(NOW.plusSeconds(3600)).build());
        };
    }

    private static final Timers.At AT_CREATION = Timers.At.afterCreation(java.time.Duration.ZERO);

    /** Timers under which the clock's action of that kind is due at {@link #NOW}; null for the other kinds. */
    private static Timers timersFor(ActionKind kind) {
        Timers.Step step = switch (kind) {
            case ESCALATE_NOTIFY -> Timers.Step.notify(AT_CREATION, "ginger");
            case ESCALATE_REASSIGN -> Timers.Step.reassignResolved(AT_CREATION);
            case ESCALATE_DECIDE -> Timers.Step.approveRemaining(AT_CREATION);
            case ESCALATE_EXPIRE -> Timers.Step.expire(AT_CREATION, "too late");
            default -> null;
        };
        if (step != null) {
            return Timers.builder().step(step).build();
        }
        return kind == ActionKind.REMIND
                ? Timers.builder().reminders(Timers.Reminders.once(AT_CREATION)).build()
                : null;
    }

    private static WorkItem withTimersFor(WorkItem w, ActionKind kind) {
        return w.toBuilder().timers(timersFor(kind)).build();
    }

    private static boolean isTimer(ActionKind kind) {
        return kind.name().startsWith("ESCALATE_") || kind == ActionKind.REMIND;
    }

    /** @return the next state's wire name, "same" when unchanged, or "conflict" */
    private static String outcome(WorkItem item, Action action, LifecycleOptions options) {
        try {
            Transition t = Transitions.apply(item, action, NOW, options);
            checkWellFormed(item, t);
            return t.changed() ? t.item().state().wireName() : SAME;
        } catch (ConflictException e) {
            assertEquals(item.state(), e.state());
            assertTrue(
                    e.getMessage().contains(item.id())
                            && e.getMessage().contains(item.state().wireName()),
                    e.getMessage());
            return CONFLICT;
        }
    }

    private static void checkWellFormed(WorkItem before, Transition t) {
        if (!t.changed()) {
            assertSame(before, t.item(), "an unchanged transition returns the same item");
            return;
        }
        WorkItem after = t.item();
        assertEquals(before.version() + 1, after.version());
        assertEquals(NOW, after.modified());
        assertEquals(before.created(), after.created());
        assertEquals(before.id(), after.id());
        for (HistoryEvent e : t.events()) {
            assertEquals(after.version(), e.itemVersion());
            assertEquals(NOW, e.at());
            assertEquals("actor", e.actorId());
        }
        if (after.isCompleted() && !before.isCompleted()) {
            assertEquals(NOW, after.completed());
        }
    }

    @Test
    void everyStateAndActionHasACell() {
        for (WorkItemState state : WorkItemState.values()) {
            for (ActionKind kind : ActionKind.values()) {
                Transitions.Cell cell = Transitions.cell(state, kind);
                assertNotNull(cell, state + " x " + kind);
                assertEquals(
                        cell.effect() == Transitions.Effect.CHANGES,
                        state == WorkItemState.PENDING,
                        "only a Pending item changes (D1, D8): " + state + " x " + kind + " is " + cell);
            }
        }
    }

    @Test
    void aFreshActionOnAnItemWithEverythingUndecidedDoesWhatItsCellSays() {
        for (WorkItemState state : WorkItemState.values()) {
            for (ActionKind kind : ActionKind.values()) {
                WorkItem w = withTimersFor(
                        item(state, approvals(WorkItemState.PENDING, WorkItemState.PENDING), true, null), kind);
                Transitions.Cell cell = Transitions.cell(state, kind);
                String got =
                        outcome(w, action(kind, "a0", "ginger", Map.of("account", "x")), LifecycleOptions.DEFAULTS);
                // Fresh: every approval item undecided, no stored selection, another target; only completing a
                // Finished item (D9) and returning, expiring or canceling an item already so (D15) repeat what is so.
                boolean repeat = kind == ActionKind.COMPLETE
                        || kind == ActionKind.RETURN
                        || kind == ActionKind.EXPIRE
                        || kind == ActionKind.CANCEL
                        || isTimer(kind); // nothing is due on an item that is not Pending
                String want = switch (cell.effect()) {
                    case CHANGES -> cell.next().wireName();
                    case REPEAT_ONLY -> repeat ? SAME : CONFLICT;
                    case CONFLICT -> CONFLICT;
                };
                assertEquals(want, got, state + " x " + kind + " (cell " + cell + ")");
            }
        }
    }

    @Test
    void everyVariantOfEveryCellIsANextStateOrAConflict() {
        WorkItemState[] approvalStates = {
            null,
            WorkItemState.PENDING,
            WorkItemState.FINISHED,
            WorkItemState.REJECTED,
            WorkItemState.RETURNED,
            WorkItemState.EXPIRED,
            WorkItemState.CANCELED
        };
        List<LifecycleOptions> options = List.of(
                new LifecycleOptions(false, false),
                new LifecycleOptions(false, true),
                new LifecycleOptions(true, false),
                new LifecycleOptions(true, true));
        Map<ActionKind, Integer> perKind = new EnumMap<>(ActionKind.class);
        int combinations = 0;
        for (WorkItemState state : WorkItemState.values()) {
            for (LifecycleOptions opt : options) {
                for (WorkItemState first : approvalStates) {
                    for (boolean form : new boolean[] {false, true}) {
                        for (Map<String, Object> stored : new ArrayList<>(
                                java.util.Arrays.asList(null, Map.<String, Object>of("account", "x")))) {
                            if (stored != null && !form) {
                                continue;
                            }
                            WorkItem w = item(state, approvals(first, WorkItemState.PENDING), form, stored);
                            WorkItem none = item(state, null, form, stored);
                            for (ActionKind kind : ActionKind.values()) {
                                for (String approvalId : List.of("a0", "a1", "zz")) {
                                    for (String target : List.of("fred", "ginger")) {
                                        for (Map<String, Object> sel : List.of(
                                                Map.<String, Object>of("account", "x"),
                                                Map.<String, Object>of("account", "y"))) {
                                            for (WorkItem subject : List.of(w, none)) {
                                                String result = total(
                                                        withTimersFor(subject, kind),
                                                        action(kind, approvalId, target, sel),
                                                        opt);
                                                assertNotNull(result);
                                                perKind.merge(kind, 1, Integer::sum);
                                                combinations++;
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        assertEquals(ActionKind.values().length, perKind.size(), "every action was tried");
        assertTrue(combinations > 10_000, "combinations: " + combinations);
    }

    /**
     * Applies and classifies; anything but a next state or one of the contract's errors fails the test, and so does an
     * outcome its cell does not allow.
     */
    private static String total(WorkItem w, Action a, LifecycleOptions opt) {
        try {
            String got = outcome(w, a, opt);
            Transitions.Cell cell = Transitions.cell(w.state(), a.kind());
            String where = w.state() + " x " + a + " (cell " + cell + ")";
            switch (cell.effect()) {
                case CONFLICT -> assertEquals(CONFLICT, got, where);
                case REPEAT_ONLY -> assertTrue(got.equals(SAME) || got.equals(CONFLICT), where + " gave " + got);
                case CHANGES ->
                    assertTrue(
                            got.equals(SAME)
                                    || got.equals(CONFLICT) && isDecision(a)
                                    || got.equals(cell.next().wireName())
                                    || cell.alternative() != null
                                            && got.equals(cell.alternative().wireName()),
                            where + " gave " + got);
            }
            return got;
        } catch (NotFoundException e) {
            assertTrue(
                    a instanceof Action.Approve || a instanceof Action.Reject,
                    "only a decision names an approval item: " + a);
            return "not found";
        } catch (InvalidRequestException e) {
            boolean forwardToOwner =
                    a instanceof Action.Forward f && f.targetOwnerId().equals(w.ownerId());
            boolean noForm = a instanceof Action.SubmitAccountSelection && w.form() == null;
            assertTrue(
                    forwardToOwner || noForm,
                    "unexpected invalid request for " + a + " on " + w.state() + ": " + e.getMessage());
            return "invalid";
        } catch (RuntimeException e) {
            fail("the state machine is not total: " + w.state() + " x " + a + " threw " + e);
            return null;
        }
    }

    /** On a Pending item, only a decision can still conflict: its approval item was decided the other way. */
    private static boolean isDecision(Action a) {
        return a instanceof Action.Approve || a instanceof Action.Reject;
    }

    @Test
    void repeatedDecisionsAndSelectionsAreNoOpsInEveryState() {
        for (WorkItemState state : WorkItemState.values()) {
            WorkItem decided = item(state, approvals(WorkItemState.FINISHED, WorkItemState.REJECTED), false, null);
            assertEquals(SAME, outcome(decided, new Action.Approve("actor", "a0"), LifecycleOptions.DEFAULTS));
            assertEquals(SAME, outcome(decided, new Action.Reject("actor", "a1"), LifecycleOptions.DEFAULTS));
            assertEquals(SAME, outcome(decided, new Action.BulkApprove("actor"), LifecycleOptions.DEFAULTS));
        }
        WorkItem submitted = item(WorkItemState.FINISHED, null, true, Map.of("account", "x"));
        assertEquals(
                SAME,
                outcome(
                        submitted,
                        new Action.SubmitAccountSelection("actor", Map.of("account", "x")),
                        LifecycleOptions.DEFAULTS));
    }

    @Test
    void autoCompleteFinishesOnlyWhenNothingIsLeftToDecide() {
        LifecycleOptions auto = new LifecycleOptions(true, true);
        WorkItem two =
                item(WorkItemState.PENDING, approvals(WorkItemState.PENDING, WorkItemState.PENDING), false, null);
        assertEquals("Pending", outcome(two, new Action.Approve("actor", "a0"), auto));
        WorkItem one = item(WorkItemState.PENDING, approvals(WorkItemState.REJECTED, null), false, null);
        assertEquals("Finished", outcome(one, new Action.Approve("actor", "a1"), auto));
        assertEquals("Pending", outcome(one, new Action.Approve("actor", "a1"), LifecycleOptions.DEFAULTS));
    }
}
