package dev.workitems;

/** What a reassignment rule covers (the upstream {@code ConfigTypeEnum}), and which work items each covers (R1). */
public enum ReassignmentConfigType {
    /** Access requests: {@code Approval} items. */
    ACCESS_REQUESTS(1, "accessRequests", "Access Requests", "Reassign access request approvals"),
    /** Certifications: {@code Certification}, {@code Remediation}, {@code Delegation} and {@code Signoff} items. */
    CERTIFICATIONS(2, "certifications", "Certifications", "Reassign certification work"),
    /** Manual tasks: every other type. */
    MANUAL_TASKS(3, "manualTasks", "Manual Tasks", "Reassign manual tasks");

    private final int priority;
    private final String camelName;
    private final String displayName;
    private final String description;

    ReassignmentConfigType(int priority, String camelName, String displayName, String description) {
        this.priority = priority;
        this.camelName = camelName;
        this.displayName = displayName;
        this.description = description;
    }

    /** @return the order upstream lists the types in */
    public int priority() {
        return priority;
    }

    /** @return the upstream {@code internalNameCamel} */
    public String camelName() {
        return camelName;
    }

    /** @return a name for people */
    public String displayName() {
        return displayName;
    }

    /** @return what it covers, for people */
    public String description() {
        return description;
    }

    /**
     * The default mapping of R1; a host may give the service another ({@code WorkItems.Builder.reassignmentTypes}).
     *
     * @param type a work item type
     * @return the config type that covers it
     */
    public static ReassignmentConfigType of(WorkItemType type) {
        return switch (type) {
            case APPROVAL -> ACCESS_REQUESTS;
            case CERTIFICATION, REMEDIATION, DELEGATION, SIGNOFF -> CERTIFICATIONS;
            default -> MANUAL_TASKS;
        };
    }

    /**
     * @param text the upstream name, with or without the stray comma some upstream enums carry
     * @param field the parameter's name, for the error
     * @return the config type
     * @throws InvalidRequestException if it is none of them
     */
    public static ReassignmentConfigType parse(String text, String field) {
        if (text != null) {
            for (ReassignmentConfigType t : values()) {
                if (t.name().equals(text.strip())) {
                    return t;
                }
            }
        }
        throw new InvalidRequestException(
                field + " must be one of ACCESS_REQUESTS, CERTIFICATIONS, MANUAL_TASKS, not " + text, field);
    }
}
