package dev.workitems;

import java.time.Instant;

/**
 * What one {@link WorkItems#sweep()} did.
 *
 * @param at the sweep's time: what fell due at or before it was applied
 * @param items how many due items it read
 * @param reminders how many reminders it stored (one may cover several due times, see {@link Timers.Reminders})
 * @param escalations how many escalation steps it stored, run or skipped and recorded
 * @param failures how many items it could not change (a guard refused, the resolver threw, the store failed); they stay
 *     due for the next sweep
 */
public record SweepResult(Instant at, int items, int reminders, int escalations, int failures) {

    /** @return the reminders and steps stored */
    public int actions() {
        return reminders + escalations;
    }
}
