package dev.workitems;

/** The operations a caller can ask for: the 13 of the V2024 API, and reading an item's history. */
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
    HISTORY("read the history of");

    private final String verb;

    Operation(String verb) {
        this.verb = verb;
    }

    /** @return the operation in words, for messages */
    public String verb() {
        return verb;
    }
}
