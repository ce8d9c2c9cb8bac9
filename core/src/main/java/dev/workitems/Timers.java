package dev.workitems;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A work item's clock: an optional deadline, reminders to its current owner, and ordered escalation steps, with how far
 * they have run. The library acts on them itself when a host sweeps ({@link WorkItems#sweep()}, or a
 * {@link TimerRunner}): every timed action is an ordinary change of the item, written with the version check, with a
 * history event ({@link HistoryAction#REMINDED}, {@link HistoryAction#ESCALATED}) and a feed event.
 *
 * <p>Times are relative ({@link At}): after the item's creation, or before or after its deadline; a host sets the
 * deadline as an instant ({@link #due}) or, in defaults, as a time after creation ({@link #dueAfter}). Reminders go to
 * whoever owns the item when they fall due; steps run in order, each once. Only a Pending item has anything due: one
 * decided, completed or closed before its time gets nothing more. None of this is part of the V2024 wire format.
 *
 * <p>Deeply immutable; times and durations are kept to the millisecond.
 *
 * @param due the deadline, or null; on a stored item, resolved from {@code dueAfter}
 * @param dueAfter the deadline as a time after creation, for defaults and requests; null on a stored item
 * @param reminders when to remind the current owner, or null for never
 * @param escalation the escalation steps, in the order they run; never null
 * @param remindersSent how many reminders have fallen due so far (the sweep counts them)
 * @param stepsDone how many steps have run (or been skipped and recorded) so far: the next step is this index
 */
public record Timers(
        Instant due, Duration dueAfter, Reminders reminders, List<Step> escalation, int remindersSent, int stepsDone) {

    /** The most reminders one item may have. */
    public static final int MAX_REMINDERS = 1000;
    /** The most escalation steps one item may have. */
    public static final int MAX_STEPS = 100;

    /** No timers at all: given to a new item, it overrides the builder's defaults for its type. */
    public static final Timers NONE = new Timers(null, null, null, List.of(), 0, 0);

    /** @throws InvalidRequestException if a field is out of range or the steps are out of order, naming the field */
    public Timers {
        due = due == null ? null : due.truncatedTo(ChronoUnit.MILLIS);
        if (due != null && dueAfter != null) {
            throw new InvalidRequestException(
                    "give the deadline as timers.due or timers.dueAfter, not both", "timers.dueAfter");
        }
        if (dueAfter != null) {
            dueAfter = positive(dueAfter, "timers.dueAfter");
        }
        escalation = Checks.copy(escalation, "timers.escalation");
        if (escalation.size() > MAX_STEPS) {
            throw new InvalidRequestException(
                    "timers.escalation has " + escalation.size() + " steps, at most " + MAX_STEPS + " are allowed",
                    "timers.escalation");
        }
        boolean hasDeadline = due != null || dueAfter != null;
        if (reminders != null && !hasDeadline && reminders.first().anchor() != Anchor.AFTER_CREATION) {
            throw new InvalidRequestException(
                    "timers.reminders.first is relative to the deadline, but there is no deadline",
                    "timers.reminders.first");
        }
        for (int i = 0; i < escalation.size(); i++) {
            Step s = escalation.get(i);
            if (!hasDeadline && s.at().anchor() != Anchor.AFTER_CREATION) {
                throw new InvalidRequestException(
                        "timers.escalation[" + i + "].at is relative to the deadline, but there is no deadline",
                        "timers.escalation[" + i + "].at");
            }
            if (i > 0 && s.at().isBefore(escalation.get(i - 1).at())) {
                throw new InvalidRequestException(
                        "timers.escalation[" + i + "] falls due before timers.escalation[" + (i - 1)
                                + "]: steps run in order, so list them in the order of their times",
                        "timers.escalation[" + i + "].at");
            }
        }
        int maxReminders = reminders == null ? 0 : reminders.max();
        if (remindersSent < 0 || remindersSent > maxReminders) {
            throw new InvalidRequestException(
                    "timers.remindersSent must be 0.." + maxReminders + ", not " + remindersSent,
                    "timers.remindersSent");
        }
        if (stepsDone < 0 || stepsDone > escalation.size()) {
            throw new InvalidRequestException(
                    "timers.stepsDone must be 0.." + escalation.size() + ", not " + stepsDone, "timers.stepsDone");
        }
    }

    /** @return a builder of timers with nothing run yet */
    public static Builder builder() {
        return new Builder();
    }

    /** @return true if there is no deadline, no reminder and no step */
    public boolean isEmpty() {
        return due == null && dueAfter == null && reminders == null && escalation.isEmpty();
    }

    /**
     * @param at a relative time
     * @param created when the item was created
     * @return the instant it stands for
     * @throws IllegalStateException if it is relative to a deadline these timers do not have (resolved)
     */
    public Instant instant(At at, Instant created) {
        Instant deadline = due != null ? due : dueAfter != null ? created.plus(dueAfter) : null;
        return switch (at.anchor()) {
            case AFTER_CREATION -> created.plus(at.offset());
            case BEFORE_DEADLINE -> deadlineOf(deadline).minus(at.offset());
            case AFTER_DEADLINE -> deadlineOf(deadline).plus(at.offset());
        };
    }

    private static Instant deadlineOf(Instant deadline) {
        if (deadline == null) {
            throw new IllegalStateException("relative to a deadline, but there is none");
        }
        return deadline;
    }

    /**
     * @param created when the item was created
     * @param n which reminder, from 0
     * @return when reminder {@code n} falls due
     */
    public Instant reminderTime(Instant created, int n) {
        Instant first = instant(reminders.first(), created);
        return n == 0 ? first : first.plus(reminders.every().multipliedBy(n));
    }

    /**
     * @param created when the item was created
     * @param step which step, from 0
     * @return when that step falls due
     */
    public Instant stepTime(Instant created, int step) {
        return instant(escalation.get(step).at(), created);
    }

    /**
     * @param created when the item was created
     * @return when the next reminder or step falls due, or null when nothing is left to do
     */
    public Instant next(Instant created) {
        Instant next = null;
        if (reminders != null && remindersSent < reminders.max()) {
            next = reminderTime(created, remindersSent);
        }
        if (stepsDone < escalation.size()) {
            Instant step = stepTime(created, stepsDone);
            next = next == null || step.isBefore(next) ? step : next;
        }
        return next;
    }

    /**
     * @param created the item's creation time
     * @return these timers with the deadline as an instant (from {@link #dueAfter})
     */
    Timers resolve(Instant created) {
        return dueAfter == null
                ? this
                : new Timers(created.plus(dueAfter), null, reminders, escalation, remindersSent, stepsDone);
    }

    /**
     * @param sent how many reminders have fallen due
     * @param done how many steps have run
     * @return these timers with that progress
     */
    Timers withProgress(int sent, int done) {
        return new Timers(due, dueAfter, reminders, escalation, sent, done);
    }

    private static Duration positive(Duration d, String field) {
        Duration ms = notNegative(d, field);
        if (ms.isZero()) {
            throw new InvalidRequestException(field + " must be longer than zero (to the millisecond)", field);
        }
        return ms;
    }

    private static Duration notNegative(Duration d, String field) {
        Checks.notNull(d, field);
        if (d.isNegative()) {
            throw new InvalidRequestException(field + " must not be negative, not " + d, field);
        }
        return d.truncatedTo(ChronoUnit.MILLIS);
    }

    /** What a relative time counts from. */
    public enum Anchor {
        /** After the item was created. */
        AFTER_CREATION,
        /** Before the deadline. */
        BEFORE_DEADLINE,
        /** After the deadline. */
        AFTER_DEADLINE
    }

    /**
     * A time relative to an item's creation or deadline.
     *
     * @param anchor what it counts from
     * @param offset how long after (or before) it; not negative
     */
    public record At(Anchor anchor, Duration offset) {

        /** @throws InvalidRequestException if the anchor is missing or the offset negative */
        public At {
            Checks.notNull(anchor, "at.anchor");
            offset = notNegative(offset, "at.offset");
        }

        /** @param d how long after creation @return the time */
        public static At afterCreation(Duration d) {
            return new At(Anchor.AFTER_CREATION, d);
        }

        /** @param d how long before the deadline @return the time */
        public static At beforeDeadline(Duration d) {
            return new At(Anchor.BEFORE_DEADLINE, d);
        }

        /** @param d how long after the deadline @return the time */
        public static At afterDeadline(Duration d) {
            return new At(Anchor.AFTER_DEADLINE, d);
        }

        /** @return the deadline itself */
        public static At deadline() {
            return new At(Anchor.AFTER_DEADLINE, Duration.ZERO);
        }

        /** @return true if this time is surely before {@code other} whatever the item's times (same anchor base) */
        boolean isBefore(At other) {
            boolean mine = anchor == Anchor.AFTER_CREATION;
            if (mine != (other.anchor == Anchor.AFTER_CREATION)) {
                return false; // creation and deadline: only an item's own times order them (checked at create)
            }
            return signed().compareTo(other.signed()) < 0;
        }

        private Duration signed() {
            return anchor == Anchor.BEFORE_DEADLINE ? offset.negated() : offset;
        }
    }

    /**
     * Reminders to the current owner: the first at {@code first}, then every {@code every}, {@code max} in all. A sweep
     * that runs late sends one reminder for all those that fell due since the last one (its history event says how many
     * it covers), so an owner is never sent a burst of them.
     *
     * @param first when the first falls due
     * @param every the interval between reminders; required when {@code max > 1}, null otherwise allowed
     * @param max how many reminders in all, 1..{@link #MAX_REMINDERS}
     */
    public record Reminders(At first, Duration every, int max) {

        /** @throws InvalidRequestException if a field is missing or out of range, naming it */
        public Reminders {
            Checks.notNull(first, "timers.reminders.first");
            if (max < 1 || max > MAX_REMINDERS) {
                throw new InvalidRequestException(
                        "timers.reminders.max must be 1.." + MAX_REMINDERS + ", not " + max, "timers.reminders.max");
            }
            if (every != null) {
                every = positive(every, "timers.reminders.every");
            } else if (max > 1) {
                throw new InvalidRequestException(
                        "timers.reminders.every is required: " + max + " reminders need an interval between them",
                        "timers.reminders.every");
            }
        }

        /** @param at when @return one reminder */
        public static Reminders once(At at) {
            return new Reminders(at, null, 1);
        }

        /**
         * @param first when the first falls due
         * @param every the interval
         * @param max how many in all
         * @return the reminders
         */
        public static Reminders every(At first, Duration every, int max) {
            return new Reminders(first, every, max);
        }
    }

    /** What an escalation step does. */
    public enum Kind {
        /** Notify someone (a named identity, or whom the resolver names) through the timer notifier. */
        NOTIFY,
        /** Move the item to another owner (a named identity, or whom the resolver names, e.g. the owner's manager). */
        REASSIGN,
        /** Decide the approval items still undecided (SailPoint's approval "timeout result"). */
        DECIDE,
        /** Expire the item ({@code Expired}, D15) with a reason. */
        EXPIRE
    }

    /** How a {@link Kind#DECIDE} step decides. */
    public enum Decision {
        /** Approve what is left. */
        APPROVE,
        /** Reject what is left. */
        REJECT
    }

    /**
     * One escalation step. Use the factories.
     *
     * @param at when it falls due
     * @param kind what it does
     * @param identityId for NOTIFY and REASSIGN, the identity; null to ask the host's
     *     {@link dev.workitems.spi.EscalationResolver} (which may name nobody: the step is then skipped and recorded)
     * @param decision for DECIDE, how; null otherwise
     * @param reason for EXPIRE, why (kept in the history); for the others an optional note
     */
    public record Step(At at, Kind kind, String identityId, Decision decision, String reason) {

        /** @throws InvalidRequestException if a field the kind needs is missing, naming it */
        public Step {
            Checks.notNull(at, "timers.escalation.at");
            Checks.notNull(kind, "timers.escalation.kind");
            Checks.text(reason, "timers.escalation.reason");
            if (identityId != null) {
                Checks.notBlank(identityId, "timers.escalation.identityId");
                if (kind != Kind.NOTIFY && kind != Kind.REASSIGN) {
                    throw new InvalidRequestException(
                            "timers.escalation.identityId is only for NOTIFY and REASSIGN steps, not " + kind,
                            "timers.escalation.identityId");
                }
            }
            if ((kind == Kind.DECIDE) != (decision != null)) {
                throw new InvalidRequestException(
                        kind == Kind.DECIDE
                                ? "timers.escalation.decision is required for a DECIDE step"
                                : "timers.escalation.decision is only for DECIDE steps, not " + kind,
                        "timers.escalation.decision");
            }
            if (kind == Kind.EXPIRE) {
                Checks.notBlank(reason, "timers.escalation.reason");
            }
        }

        /** @param at when @param identityId whom @return a step that notifies that identity */
        public static Step notify(At at, String identityId) {
            return new Step(at, Kind.NOTIFY, Checks.notBlank(identityId, "timers.escalation.identityId"), null, null);
        }

        /** @param at when @return a step that notifies whom the escalation resolver names */
        public static Step notifyResolved(At at) {
            return new Step(at, Kind.NOTIFY, null, null, null);
        }

        /** @param at when @param identityId the new owner @return a step that reassigns the item */
        public static Step reassignTo(At at, String identityId) {
            return new Step(at, Kind.REASSIGN, Checks.notBlank(identityId, "timers.escalation.identityId"), null, null);
        }

        /** @param at when @return a step that reassigns the item to whom the escalation resolver names */
        public static Step reassignResolved(At at) {
            return new Step(at, Kind.REASSIGN, null, null, null);
        }

        /** @param at when @return a step that approves every approval item still undecided */
        public static Step approveRemaining(At at) {
            return new Step(at, Kind.DECIDE, null, Decision.APPROVE, null);
        }

        /** @param at when @return a step that rejects every approval item still undecided */
        public static Step rejectRemaining(At at) {
            return new Step(at, Kind.DECIDE, null, Decision.REJECT, null);
        }

        /** @param at when @param reason why, kept in the history @return a step that expires the item */
        public static Step expire(At at, String reason) {
            return new Step(at, Kind.EXPIRE, null, null, reason);
        }
    }

    /** Builds {@link Timers}. Not thread-safe. */
    public static final class Builder {
        private Instant due;
        private Duration dueAfter;
        private Reminders reminders;
        private final List<Step> steps = new ArrayList<>();

        private Builder() {}

        /** @param v the deadline @return this */
        public Builder due(Instant v) {
            due = Checks.notNull(v, "timers.due");
            dueAfter = null;
            return this;
        }

        /** @param v the deadline as a time after creation @return this */
        public Builder dueAfter(Duration v) {
            dueAfter = positive(v, "timers.dueAfter");
            due = null;
            return this;
        }

        /** @param v the reminders @return this */
        public Builder reminders(Reminders v) {
            reminders = Checks.notNull(v, "timers.reminders");
            return this;
        }

        /** @param v the next step, after those added before @return this */
        public Builder step(Step v) {
            steps.add(Objects.requireNonNull(v, "step"));
            return this;
        }

        /**
         * @return the timers
         * @throws InvalidRequestException if they contradict each other
         */
        public Timers build() {
            return new Timers(due, dueAfter, reminders, steps, 0, 0);
        }
    }
}
