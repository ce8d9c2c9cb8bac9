package dev.workitems;

/** Every kind of change the state machine knows. */
enum ActionKind {
    COMPLETE,
    APPROVE,
    REJECT,
    BULK_APPROVE,
    BULK_REJECT,
    FORWARD,
    SUBMIT_ACCOUNT_SELECTION,
    RETURN,
    EXPIRE,
    CANCEL,
    /** The clock reminds the owner. */
    REMIND,
    /** An escalation step notifies someone. */
    ESCALATE_NOTIFY,
    /** An escalation step reassigns the item. */
    ESCALATE_REASSIGN,
    /** An escalation step decides the approval items left. */
    ESCALATE_DECIDE,
    /** An escalation step expires the item. */
    ESCALATE_EXPIRE,
    /** The host changes the item's timers. */
    RESCHEDULE
}
