package dev.workitems.spi;

import dev.workitems.WorkItem;
import java.time.Instant;

/**
 * A reminder or an escalation step that has been stored and tells someone.
 *
 * @param kind a reminder, or an escalation step
 * @param item the item as stored after the change
 * @param recipientId whom to tell: for a reminder the owner, for a notify step its identity, for a reassign step the
 *     new owner
 * @param rule which rule: {@code reminders} or {@code escalation[i]}
 * @param number for a reminder its number (from 1), for a step its index (from 0)
 * @param dueAt when it fell due
 * @param at when the sweep stored it
 */
public record TimerNotification(
        Kind kind, WorkItem item, String recipientId, String rule, int number, Instant dueAt, Instant at) {

    /** What the notification is about. */
    public enum Kind {
        /** A reminder to the owner. */
        REMINDER,
        /** An escalation step that notifies someone or reassigns the item. */
        ESCALATION
    }
}
