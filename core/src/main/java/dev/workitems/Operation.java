package dev.workitems;

/**
 * The operations a caller can ask for: the 13 of the V2024 Work Items API, reading an item's history, and those of Work
 * Reassignment that the policy decides.
 */
public enum Operation {
    LIST_PENDING("list pending work items"),
    LIST_COMPLETED("list completed work items"),
    COUNT_PENDING("count pending work items"),
    COUNT_COMPLETED("count completed work items"),
    SUMMARY("summarize work items"),
    GET("get"),
    COMPLETE("complete"),
    APPROVE("approve"),
    REJECT("reject"),
    BULK_APPROVE("bulk approve"),
    BULK_REJECT("bulk reject"),
    FORWARD("forward"),
    SUBMIT_ACCOUNT_SELECTION("submit an account selection for"),
    HISTORY("read the history of"),
    /** Work Reassignment: list every rule the caller may read. */
    LIST_REASSIGNMENTS("list the reassignment rules of"),
    /** Work Reassignment: read one identity's rules. */
    GET_REASSIGNMENTS("read the reassignment rules of"),
    /** Work Reassignment: create, replace or delete one identity's rule. */
    CHANGE_REASSIGNMENTS("change the reassignment rules of"),
    /** Work Reassignment: evaluate one identity's chain. */
    EVALUATE_REASSIGNMENTS("evaluate the reassignment chain of"),
    /** Work Reassignment: move every pending item of one identity to another. */
    MOVE_PENDING_ITEMS("move the pending items of"),
    /** Work Reassignment: turn every rule on or off for the tenant. */
    CHANGE_REASSIGNMENT_SWITCH("change the tenant's reassignment switch");

    private final String verb;

    Operation(String verb) {
        this.verb = verb;
    }

    /** @return the operation in words, for messages */
    public String verb() {
        return verb;
    }
}
