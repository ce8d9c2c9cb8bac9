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
    CANCEL
}
