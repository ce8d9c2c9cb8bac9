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
    CANCELED
}
