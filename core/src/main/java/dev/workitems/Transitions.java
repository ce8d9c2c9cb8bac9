package dev.workitems;

import static dev.workitems.ActionKind.APPROVE;
import static dev.workitems.ActionKind.BULK_APPROVE;
import static dev.workitems.ActionKind.BULK_REJECT;
import static dev.workitems.ActionKind.CANCEL;
import static dev.workitems.ActionKind.COMPLETE;
import static dev.workitems.ActionKind.ESCALATE_DECIDE;
import static dev.workitems.ActionKind.ESCALATE_EXPIRE;
import static dev.workitems.ActionKind.ESCALATE_NOTIFY;
import static dev.workitems.ActionKind.ESCALATE_REASSIGN;
import static dev.workitems.ActionKind.EXPIRE;
import static dev.workitems.ActionKind.FORWARD;
import static dev.workitems.ActionKind.REJECT;
import static dev.workitems.ActionKind.REMIND;
import static dev.workitems.ActionKind.RESCHEDULE;
import static dev.workitems.ActionKind.RETURN;
import static dev.workitems.ActionKind.SUBMIT_ACCOUNT_SELECTION;
import static dev.workitems.WorkItemState.CANCELED;
import static dev.workitems.WorkItemState.EXPIRED;
import static dev.workitems.WorkItemState.FINISHED;
import static dev.workitems.WorkItemState.PENDING;
import static dev.workitems.WorkItemState.REJECTED;
import static dev.workitems.WorkItemState.RETURNED;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The work-item state machine: the table of what each action does in each state, and one pure function from (item,
 * action, now) to the next item and its history events, or an error naming the state and the action. No I/O, no clock,
 * no storage. Internal: the service is its only caller.
 *
 * <p>Every action is decided in the same order: (1) what it names must exist, whatever the state (an approval item:
 * 404; a form to submit to: 400); (2) if what it asks is already so, it changes nothing (D8); (3) the table's cell for
 * the item's state: a conflict, or a repeat only, or a change; (4) on a change, what the item's details refuse (an
 * approval item decided the other way: 409; a forward to the current owner: 400); (5) the change and its events.
 */
final class Transitions {
    private Transitions() {}

    /** What an action may do in a state. */
    enum Effect {
        /**
         * The action changes the item: it moves to the cell's {@code next} state (or its alternative, see the cell).
         */
        CHANGES,
        /**
         * Only a repeat of what is already so is accepted, and it changes nothing (D8); anything else is a conflict.
         */
        REPEAT_ONLY,
        /** Always a conflict naming the state and the action. */
        CONFLICT
    }

    /**
     * One cell of the table.
     *
     * @param effect what the action may do
     * @param next for a change, the state it moves the item to
     * @param alternative for a change, the other state it may move it to, or null
     * @param when when it moves to the alternative (the contract's rule), or null
     */
    record Cell(Effect effect, WorkItemState next, WorkItemState alternative, String when) {
        @Override
        public String toString() {
            return effect == Effect.CHANGES
                    ? "-> " + next.wireName()
                            + (alternative == null ? "" : " (" + alternative.wireName() + " when " + when + ")")
                    : effect.name();
        }
    }

    private static final Cell REPEAT = new Cell(Effect.REPEAT_ONLY, null, null, null);
    private static final Cell CONFLICT = new Cell(Effect.CONFLICT, null, null, null);
    private static final String D6 = "D6 autoCompleteWhenAllDecided is on and nothing is left undecided";
    private static final String D10 = "D10 finishOnAccountSelection is off";

    private static Cell to(WorkItemState next) {
        return new Cell(Effect.CHANGES, next, null, null);
    }

    private static Cell to(WorkItemState next, WorkItemState alternative, String when) {
        return new Cell(Effect.CHANGES, next, alternative, when);
    }

    /** In this state, this action does this (D1, D6-D10, D15). Read a row as "action: what it does in each state". */
    private static final Map<ActionKind, Map<WorkItemState, Cell>> TABLE = new EnumMap<>(ActionKind.class);

    static {
        // spotless:off  (the table keeps its columns)
        //  action                    PENDING                      FINISHED  REJECTED  RETURNED  EXPIRED   CANCELED
        row(COMPLETE,                 to(FINISHED),                REPEAT,   CONFLICT, CONFLICT, CONFLICT, CONFLICT);
        row(APPROVE,                  to(PENDING, FINISHED, D6),   REPEAT,   REPEAT,   REPEAT,   REPEAT,   REPEAT);
        row(REJECT,                   to(PENDING, FINISHED, D6),   REPEAT,   REPEAT,   REPEAT,   REPEAT,   REPEAT);
        row(BULK_APPROVE,             to(PENDING, FINISHED, D6),   REPEAT,   REPEAT,   REPEAT,   REPEAT,   REPEAT);
        row(BULK_REJECT,              to(PENDING, FINISHED, D6),   REPEAT,   REPEAT,   REPEAT,   REPEAT,   REPEAT);
        row(FORWARD,                  to(PENDING),                 CONFLICT, CONFLICT, CONFLICT, CONFLICT, CONFLICT);
        row(SUBMIT_ACCOUNT_SELECTION, to(FINISHED, PENDING, D10),  REPEAT,   CONFLICT, CONFLICT, CONFLICT, CONFLICT);
        row(RETURN,                   to(RETURNED),                CONFLICT, CONFLICT, REPEAT,   CONFLICT, CONFLICT);
        row(EXPIRE,                   to(EXPIRED),                 CONFLICT, CONFLICT, CONFLICT, REPEAT,   CONFLICT);
        row(CANCEL,                   to(CANCELED),                CONFLICT, CONFLICT, CONFLICT, CONFLICT, REPEAT);
        // The clock's actions: on an item that is no longer Pending nothing is due, so they change nothing.
        row(REMIND,                   to(PENDING),                 REPEAT,   REPEAT,   REPEAT,   REPEAT,   REPEAT);
        row(ESCALATE_NOTIFY,          to(PENDING),                 REPEAT,   REPEAT,   REPEAT,   REPEAT,   REPEAT);
        row(ESCALATE_REASSIGN,        to(PENDING),                 REPEAT,   REPEAT,   REPEAT,   REPEAT,   REPEAT);
        row(ESCALATE_DECIDE,          to(PENDING, FINISHED, D6),   REPEAT,   REPEAT,   REPEAT,   REPEAT,   REPEAT);
        row(ESCALATE_EXPIRE,          to(EXPIRED),                 REPEAT,   REPEAT,   REPEAT,   REPEAT,   REPEAT);
        row(RESCHEDULE,               to(PENDING),                 CONFLICT, CONFLICT, CONFLICT, CONFLICT, CONFLICT);
        // spotless:on
        if (TABLE.size() != ActionKind.values().length) {
            throw new AssertionError("the state table lacks an action");
        }
    }

    private static void row(
            ActionKind action, Cell pending, Cell finished, Cell rejected, Cell returned, Cell expired, Cell canceled) {
        Map<WorkItemState, Cell> row = new EnumMap<>(WorkItemState.class);
        row.put(PENDING, pending);
        row.put(FINISHED, finished);
        row.put(REJECTED, rejected);
        row.put(RETURNED, returned);
        row.put(EXPIRED, expired);
        row.put(CANCELED, canceled);
        if (row.size() != WorkItemState.values().length) {
            throw new AssertionError("the state table lacks a state in the row of " + action);
        }
        TABLE.put(action, row);
    }

    /**
     * @param state a work item's state
     * @param action an action
     * @return what the action may do in that state
     */
    static Cell cell(WorkItemState state, ActionKind action) {
        return TABLE.get(action).get(state);
    }

    /**
     * @param item the item as stored
     * @param action what is asked, and by whom
     * @param now the time to record
     * @param options the configurable choices (D6, D10)
     * @return the next item (version + 1, {@code modified = now}) and its events; the item itself and no events when
     *     the action changes nothing
     * @throws ConflictException if the item's state does not allow the action
     * @throws NotFoundException if an approval item id is unknown to the item
     * @throws InvalidRequestException if a forward targets the current owner, or the item has no form to submit
     */
    static Transition apply(WorkItem item, Action action, Instant now, LifecycleOptions options) {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(options, "options");
        Rule rule = rule(action.kind());
        rule.references(item, action);
        boolean repeat = rule.isRepeat(item, action, options);
        Cell cell = cell(item.state(), action.kind());
        switch (cell.effect()) {
            case CONFLICT:
                throw ConflictException.state(item.id(), item.state(), rule.operation(), rule.detail(action));
            case REPEAT_ONLY:
                if (repeat) {
                    return unchanged(item);
                }
                throw ConflictException.state(item.id(), item.state(), rule.operation(), rule.detail(action));
            default:
                if (repeat) {
                    return unchanged(item);
                }
                rule.refuse(item, action);
                Changes ch = new Changes(item, now);
                rule.change(ch, action, options);
                return ch.done();
        }
    }

    private static Transition unchanged(WorkItem item) {
        return new Transition(item, List.of());
    }

    // ---- the rules, one per action ------------------------------------------------------------------------------

    /** What one action checks and does; the order of the checks is {@link #apply}'s, the same for every action. */
    private interface Rule {
        /** @return the action in words, for conflicts */
        String operation();

        /** Checks that what the action names exists, whatever the state. */
        default void references(WorkItem item, Action action) {}

        /** @return true if what the action asks is already so (D8) */
        boolean isRepeat(WorkItem item, Action action, LifecycleOptions options);

        /** @return what a conflict names besides the state and the action, or null */
        default String detail(Action action) {
            return null;
        }

        /** Refuses, on a Pending item, what its details do not allow. */
        default void refuse(WorkItem item, Action action) {}

        /** Applies the action to a Pending item. */
        void change(Changes ch, Action action, LifecycleOptions options);
    }

    private static Rule rule(ActionKind kind) {
        return switch (kind) {
            case COMPLETE -> COMPLETE_RULE;
            case APPROVE -> APPROVE_RULE;
            case REJECT -> REJECT_RULE;
            case BULK_APPROVE -> BULK_APPROVE_RULE;
            case BULK_REJECT -> BULK_REJECT_RULE;
            case FORWARD -> FORWARD_RULE;
            case SUBMIT_ACCOUNT_SELECTION -> SUBMIT_RULE;
            case RETURN -> RETURN_RULE;
            case EXPIRE -> EXPIRE_RULE;
            case CANCEL -> CANCEL_RULE;
            case REMIND -> REMIND_RULE;
            case ESCALATE_NOTIFY, ESCALATE_REASSIGN, ESCALATE_DECIDE, ESCALATE_EXPIRE -> ESCALATE_RULE;
            case RESCHEDULE -> RESCHEDULE_RULE;
        };
    }

    private static final Rule APPROVE_RULE = new Decide("approve", FINISHED);
    private static final Rule REJECT_RULE = new Decide("reject", REJECTED);
    private static final Rule BULK_APPROVE_RULE = new DecideAll("bulk approve", FINISHED);
    private static final Rule BULK_REJECT_RULE = new DecideAll("bulk reject", REJECTED);
    private static final Rule RETURN_RULE = new Close("return", RETURNED, HistoryAction.RETURNED);
    private static final Rule EXPIRE_RULE = new Close("expire", EXPIRED, HistoryAction.EXPIRED);
    private static final Rule CANCEL_RULE = new Close("cancel", CANCELED, HistoryAction.CANCELED);

    private static final Rule COMPLETE_RULE = new Rule() {
        @Override
        public String operation() {
            return "complete";
        }

        @Override
        public boolean isRepeat(WorkItem item, Action action, LifecycleOptions options) {
            return item.state() == FINISHED;
        }

        @Override
        public void change(Changes ch, Action action, LifecycleOptions options) {
            ch.finish(action.actorId(), null, Map.of());
        }
    };

    /** Approve or reject one approval item. */
    private record Decide(String operation, WorkItemState decision) implements Rule {
        private static String approvalItemId(Action action) {
            return action instanceof Action.Approve a ? a.approvalItemId() : ((Action.Reject) action).approvalItemId();
        }

        @Override
        public void references(WorkItem item, Action action) {
            if (item.approvalItem(approvalItemId(action)) == null) {
                throw new NotFoundException(
                        "approval item " + approvalItemId(action) + " not found in work item " + item.id());
            }
        }

        @Override
        public boolean isRepeat(WorkItem item, Action action, LifecycleOptions options) {
            return item.approvalItem(approvalItemId(action)).state() == decision;
        }

        @Override
        public String detail(Action action) {
            return "approval item " + approvalItemId(action);
        }

        @Override
        public void refuse(WorkItem item, Action action) {
            ApprovalItem target = item.approvalItem(approvalItemId(action));
            if (!target.isUndecided()) {
                throw ConflictException.state(
                        item.id(),
                        item.state(),
                        operation,
                        "approval item " + target.id() + " is already "
                                + target.state().wireName());
            }
        }

        @Override
        public void change(Changes ch, Action action, LifecycleOptions options) {
            ch.decide(action.actorId(), List.of(approvalItemId(action)), decision, false);
            ch.autoComplete(action.actorId(), options);
        }
    }

    /** Approve or reject every undecided approval item, leaving decided ones alone (D7). */
    private record DecideAll(String operation, WorkItemState decision) implements Rule {
        static List<String> undecided(WorkItem item) {
            List<String> ids = new ArrayList<>();
            if (item.approvalItems() != null) {
                for (ApprovalItem a : item.approvalItems()) {
                    if (a.isUndecided()) {
                        ids.add(a.id());
                    }
                }
            }
            return ids;
        }

        @Override
        public boolean isRepeat(WorkItem item, Action action, LifecycleOptions options) {
            return undecided(item).isEmpty();
        }

        @Override
        public void change(Changes ch, Action action, LifecycleOptions options) {
            ch.decide(action.actorId(), undecided(ch.item), decision, true);
            ch.autoComplete(action.actorId(), options);
        }
    }

    private static final Rule FORWARD_RULE = new Rule() {
        @Override
        public String operation() {
            return "forward";
        }

        @Override
        public boolean isRepeat(WorkItem item, Action action, LifecycleOptions options) {
            return false; // a forward to the current owner is refused, not repeated
        }

        @Override
        public void refuse(WorkItem item, Action action) {
            Action.Forward f = (Action.Forward) action;
            if (item.ownerId().equals(f.targetOwnerId())) {
                throw new InvalidRequestException(
                        "work item " + item.id() + " is already owned by " + f.targetOwnerId()
                                + ": forward to another identity",
                        "targetOwnerId");
            }
        }

        @Override
        public void change(Changes ch, Action action, LifecycleOptions options) {
            Action.Forward f = (Action.Forward) action;
            ch.builder.ownerId(f.targetOwnerId()).ownerName(f.targetOwnerName());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("previousOwnerId", ch.item.ownerId());
            data.put("previousOwnerName", ch.item.ownerName());
            data.put("newOwnerId", f.targetOwnerId());
            data.put("newOwnerName", f.targetOwnerName());
            data.put("sendNotifications", f.sendNotifications());
            ch.event(f.actorId(), HistoryAction.FORWARDED, f.comment(), data);
        }
    };

    private static final Rule SUBMIT_RULE = new Rule() {
        @Override
        public String operation() {
            return "submit an account selection";
        }

        @Override
        public void references(WorkItem item, Action action) {
            if (item.form() == null) {
                throw new InvalidRequestException(
                        "work item " + item.id() + " has no form: nothing to submit an account selection for", "id");
            }
        }

        @Override
        public boolean isRepeat(WorkItem item, Action action, LifecycleOptions options) {
            boolean same = ((Action.SubmitAccountSelection) action).selection().equals(item.accountSelection());
            // Finished by this selection (D10), or kept Pending with it when D10 is off
            return same && (item.state() == FINISHED || item.state() == PENDING && !options.finishOnAccountSelection());
        }

        @Override
        public void change(Changes ch, Action action, LifecycleOptions options) {
            Action.SubmitAccountSelection s = (Action.SubmitAccountSelection) action;
            ch.builder.accountSelection(s.selection());
            ch.event(s.actorId(), HistoryAction.ACCOUNT_SELECTION_SUBMITTED, null, Map.of("selection", s.selection()));
            if (options.finishOnAccountSelection()) {
                ch.finish(s.actorId(), null, Map.of("reason", "accountSelection"));
            }
        }
    };

    /** Return, expire or cancel (the host's actions, D15), each with a reason. */
    private record Close(String operation, WorkItemState to, HistoryAction what) implements Rule {
        @Override
        public boolean isRepeat(WorkItem item, Action action, LifecycleOptions options) {
            return item.state() == to;
        }

        @Override
        public void change(Changes ch, Action action, LifecycleOptions options) {
            String reason = action instanceof Action.Return r
                    ? r.reason()
                    : action instanceof Action.Expire e ? e.reason() : ((Action.Cancel) action).reason();
            ch.builder.state(to).completed(ch.now);
            ch.event(action.actorId(), what, reason, Map.of());
        }
    }

    // ---- the clock ----------------------------------------------------------------------------------------------

    /**
     * What a sweep at some time does next to an item.
     *
     * @param step the escalation step due, or -1 for a reminder
     * @param at when it fell due (for reminders, the last of those it covers)
     * @param reminders for a reminder, how many due times it covers (a late sweep sends one for all)
     */
    record Due(int step, Instant at, int reminders) {
        boolean isReminder() {
            return step < 0;
        }
    }

    /**
     * What is due on an item at {@code now}: the earliest of its next reminder and its next step (a step first when
     * they fall due at the same time), or nothing when it is not Pending.
     *
     * @param item the item
     * @param now the sweep's time
     * @return what is due, or null
     */
    static Due due(WorkItem item, Instant now) {
        Timers t = item.timers();
        if (item.state() != PENDING || t == null) {
            return null;
        }
        Instant created = item.created();
        Instant stepAt = t.stepsDone() < t.escalation().size() ? t.stepTime(created, t.stepsDone()) : null;
        boolean stepDue = stepAt != null && !stepAt.isAfter(now);
        Timers.Reminders r = t.reminders();
        if (r != null && t.remindersSent() < r.max()) {
            Instant first = t.reminderTime(created, t.remindersSent());
            if (!first.isAfter(now) && (!stepDue || first.isBefore(stepAt))) {
                Instant last = first;
                int covers = 0;
                for (int n = t.remindersSent(); n < r.max(); n++) {
                    Instant at = t.reminderTime(created, n);
                    if (at.isAfter(now) || stepDue && !at.isBefore(stepAt)) {
                        break;
                    }
                    last = at;
                    covers++;
                }
                return new Due(-1, last, covers);
            }
        }
        return stepDue ? new Due(t.stepsDone(), stepAt, 0) : null;
    }

    private static Map<String, Object> timerData(String rule, Instant dueAt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("cause", "timer");
        data.put("rule", rule);
        data.put("dueAt", dueAt.toString());
        return data;
    }

    private static final Rule REMIND_RULE = new Rule() {
        @Override
        public String operation() {
            return "remind";
        }

        @Override
        public boolean isRepeat(WorkItem item, Action action, LifecycleOptions options) {
            Due due = due(item, ((Action.Remind) action).dueBy());
            return due == null || !due.isReminder();
        }

        @Override
        public void change(Changes ch, Action action, LifecycleOptions options) {
            Due due = due(ch.item, ((Action.Remind) action).dueBy());
            Timers t = ch.item.timers();
            int sent = t.remindersSent() + due.reminders();
            ch.builder.timers(t.withProgress(sent, t.stepsDone()));
            Map<String, Object> data = timerData("reminders", due.at());
            data.put("reminder", (long) sent);
            data.put("covers", (long) due.reminders());
            data.put("ownerId", ch.item.ownerId());
            ch.event(action.actorId(), HistoryAction.REMINDED, null, data);
        }
    };

    private static final Rule ESCALATE_RULE = new Rule() {
        @Override
        public String operation() {
            return "escalate";
        }

        @Override
        public boolean isRepeat(WorkItem item, Action action, LifecycleOptions options) {
            Action.Escalate e = (Action.Escalate) action;
            Due due = due(item, e.dueBy());
            return due == null
                    || due.step() != e.step()
                    || item.timers().escalation().get(e.step()).kind() != e.stepKind();
        }

        @Override
        public void change(Changes ch, Action action, LifecycleOptions options) {
            Action.Escalate e = (Action.Escalate) action;
            Timers t = ch.item.timers();
            ch.builder.timers(t.withProgress(t.remindersSent(), e.step() + 1));
            Timers.Step step = t.escalation().get(e.step());
            Map<String, Object> data =
                    timerData("escalation[" + e.step() + "]", t.stepTime(ch.item.created(), e.step()));
            data.put("step", (long) e.step());
            data.put("kind", step.kind().name().toLowerCase(java.util.Locale.ROOT));
            String skipped = null;
            List<String> undecided = List.of();
            switch (step.kind()) {
                case NOTIFY -> {
                    if (e.targetId() == null) {
                        skipped = e.skipped();
                    } else {
                        data.put("recipientId", e.targetId());
                    }
                }
                case REASSIGN -> {
                    if (e.targetId() == null) {
                        skipped = e.skipped();
                    } else if (e.targetId().equals(ch.item.ownerId())) {
                        skipped = e.targetId() + " already owns the item";
                    } else {
                        ch.builder.ownerId(e.targetId()).ownerName(e.targetName());
                        data.put("previousOwnerId", ch.item.ownerId());
                        data.put("previousOwnerName", ch.item.ownerName());
                        data.put("newOwnerId", e.targetId());
                        data.put("newOwnerName", e.targetName());
                    }
                }
                case DECIDE -> {
                    undecided = DecideAll.undecided(ch.item);
                    data.put("decision", step.decision().name().toLowerCase(java.util.Locale.ROOT));
                    if (undecided.isEmpty()) {
                        skipped = "no approval item is left undecided";
                    }
                }
                case EXPIRE -> {}
            }
            data.put("outcome", skipped == null ? "applied" : "skipped");
            ch.event(action.actorId(), HistoryAction.ESCALATED, skipped != null ? skipped : step.reason(), data);
            if (skipped != null) {
                return;
            }
            if (step.kind() == Timers.Kind.DECIDE) {
                ch.decide(
                        action.actorId(),
                        undecided,
                        step.decision() == Timers.Decision.APPROVE ? FINISHED : REJECTED,
                        true);
                ch.autoComplete(action.actorId(), options);
            } else if (step.kind() == Timers.Kind.EXPIRE) {
                ch.builder.state(EXPIRED).completed(ch.now);
                ch.event(action.actorId(), HistoryAction.EXPIRED, step.reason(), Map.of());
            }
        }
    };

    private static final Rule RESCHEDULE_RULE = new Rule() {
        @Override
        public String operation() {
            return "reschedule";
        }

        /** The new timers, with how far the item's old ones ran (as far as the new ones go). */
        private Timers merged(WorkItem item, Action action) {
            Timers next = ((Action.Reschedule) action).timers();
            if (next == null || next.isEmpty()) {
                return null;
            }
            Timers old = item.timers();
            int sent = old == null ? 0 : old.remindersSent();
            int done = old == null ? 0 : old.stepsDone();
            return next.withProgress(
                    Math.min(
                            sent,
                            next.reminders() == null ? 0 : next.reminders().max()),
                    Math.min(done, next.escalation().size()));
        }

        @Override
        public boolean isRepeat(WorkItem item, Action action, LifecycleOptions options) {
            return Objects.equals(item.timers(), merged(item, action));
        }

        @Override
        public void change(Changes ch, Action action, LifecycleOptions options) {
            Timers next = merged(ch.item, action);
            ch.builder.timers(next);
            Map<String, Object> data = new LinkedHashMap<>();
            Instant before = ch.item.timers() == null ? null : ch.item.timers().due();
            Instant after = next == null ? null : next.due();
            data.put("previousDue", before == null ? null : before.toString());
            data.put("due", after == null ? null : after.toString());
            ch.event(action.actorId(), HistoryAction.RESCHEDULED, null, data);
        }
    };

    /** Accumulates one change: the next item and the events it appends. */
    private static final class Changes {
        private final WorkItem item;
        private final Instant now;
        private final long version;
        private final WorkItem.Builder builder;
        private final List<HistoryEvent> events = new ArrayList<>();
        private List<ApprovalItem> approvals;

        Changes(WorkItem item, Instant now) {
            this.item = item;
            this.now = now;
            this.version = item.version() + 1;
            this.builder = item.toBuilder().version(version).modified(now);
            this.approvals = item.approvalItems();
        }

        void event(String actor, HistoryAction action, String comment, Map<String, Object> data) {
            events.add(new HistoryEvent(item.id(), version, now, actor, action, comment, data));
        }

        void finish(String actor, String comment, Map<String, Object> data) {
            builder.state(FINISHED).completed(now);
            event(actor, HistoryAction.COMPLETED, comment, data);
        }

        void decide(String actor, List<String> ids, WorkItemState decision, boolean bulk) {
            List<ApprovalItem> next = new ArrayList<>(approvals.size());
            for (ApprovalItem a : approvals) {
                next.add(ids.contains(a.id()) ? a.withState(decision) : a);
            }
            approvals = next;
            builder.approvalItems(next);
            HistoryAction what = decision == FINISHED ? HistoryAction.APPROVED : HistoryAction.REJECTED;
            for (String id : ids) {
                event(actor, what, null, Map.of("approvalItemId", id, "bulk", bulk));
            }
        }

        void autoComplete(String actor, LifecycleOptions options) {
            if (options.autoCompleteWhenAllDecided() && approvals.stream().noneMatch(ApprovalItem::isUndecided)) {
                finish(actor, null, Map.of("reason", "allApprovalItemsDecided"));
            }
        }

        Transition done() {
            return new Transition(builder.build(), events);
        }
    }
}
