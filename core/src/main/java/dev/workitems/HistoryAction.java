package dev.workitems;

/** What a history event records. */
public enum HistoryAction {
    /** The host created the item. */
    CREATED,
    /** The item was finished: marked complete, or finished by its last decision or by an account selection. */
    COMPLETED,
    /** An approval item was approved (data: {@code approvalItemId}, {@code bulk}). */
    APPROVED,
    /** An approval item was rejected (data: {@code approvalItemId}, {@code bulk}). */
    REJECTED,
    /** The item moved to another owner (data: previous and new owner id and name, {@code sendNotifications}). */
    FORWARDED,
    /** An account selection was submitted (data: {@code selection}). */
    ACCOUNT_SELECTION_SUBMITTED,
    /** The host returned the item. */
    RETURNED,
    /** The host expired the item. */
    EXPIRED,
    /** The host canceled the item. */
    CANCELED,
    /**
     * The item's clock reminded its owner (actor {@code timer}; data: {@code cause}, {@code rule}, {@code reminder}
     * (its number), {@code covers} (how many due times it stands for), {@code dueAt}, {@code ownerId}).
     */
    REMINDED,
    /**
     * An escalation step ran, or was skipped and recorded (actor {@code timer}; data: {@code cause}, {@code rule},
     * {@code step}, {@code kind}, {@code dueAt}, {@code outcome} ({@code applied} or {@code skipped}), and what the
     * step did: {@code recipientId}, or the previous and new owner, or {@code decision}; the comment says why a step
     * was skipped, or an expiry's reason). A step that decides or expires is followed by the ordinary
     * {@link #APPROVED}/{@link #REJECTED} or {@link #EXPIRED} events of the same change.
     */
    ESCALATED,
    /** The host changed the item's timers (data: {@code previousDue}, {@code due}, as ISO-8601 text or null). */
    RESCHEDULED,
    /**
     * A Work Reassignment rule sent the item on as it was created or forwarded (actor {@code system}; data:
     * {@code cause} {@code reassignment}, {@code configType}, {@code originalOwnerId}, {@code newOwnerId},
     * {@code newOwnerName}, and {@code lookupTrail}, the steps taken).
     */
    REASSIGNED
}
