package dev.workitems;

/**
 * The state of a work item or of an approval item ({@code WorkItemStateManualWorkItems} and {@code WorkItemState} in
 * the V2024 contract). {@link #PENDING} items are open; every other state is completed (contract decision D1).
 */
public enum WorkItemState {
    FINISHED("Finished"),
    REJECTED("Rejected"),
    RETURNED("Returned"),
    EXPIRED("Expired"),
    PENDING("Pending"),
    CANCELED("Canceled");

    private final String wireName;

    WorkItemState(String wireName) {
        this.wireName = wireName;
    }

    /** @return the PascalCase spelling the contract writes on the wire, e.g. {@code Pending} */
    public String wireName() {
        return wireName;
    }

    /** @return true for every state but {@link #PENDING}: such items are listed as completed */
    public boolean isCompleted() {
        return this != PENDING;
    }

    /**
     * Reads a state as written on the wire, accepting PascalCase and UPPER_CASE (D12).
     *
     * @param value the text
     * @return the state
     * @throws InvalidRequestException if the text names no state
     */
    public static WorkItemState fromWire(String value) {
        if (value != null) {
            for (WorkItemState s : values()) {
                if (s.wireName.equals(value) || s.name().equals(value)) {
                    return s;
                }
            }
        }
        throw new InvalidRequestException("unknown work item state: " + value, "state");
    }
}
