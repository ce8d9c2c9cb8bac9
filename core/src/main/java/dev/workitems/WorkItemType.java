package dev.workitems;

import java.util.Locale;

/** The type of a work item ({@code WorkItemTypeManualWorkItems} in the V2024 contract). */
public enum WorkItemType {
    GENERIC("Generic"),
    CERTIFICATION("Certification"),
    REMEDIATION("Remediation"),
    DELEGATION("Delegation"),
    APPROVAL("Approval"),
    VIOLATION_REVIEW("ViolationReview"),
    FORM("Form"),
    POLICY_VIOLATION("PolicyViolation"),
    CHALLENGE("Challenge"),
    IMPACT_ANALYSIS("ImpactAnalysis"),
    SIGNOFF("Signoff"),
    EVENT("Event"),
    MANUAL_ACTION("ManualAction"),
    TEST("Test");

    private final String wireName;

    WorkItemType(String wireName) {
        this.wireName = wireName;
    }

    /** @return the PascalCase spelling the contract writes on the wire, e.g. {@code ViolationReview} */
    public String wireName() {
        return wireName;
    }

    /**
     * Reads a type as written on the wire: PascalCase, UPPER_CASE (with or without underscores), and the old spelling
     * {@code PolicyVioloation} (D12).
     *
     * @param value the text
     * @return the type
     * @throws InvalidRequestException if the text names no type
     */
    public static WorkItemType fromWire(String value) {
        if (value != null) {
            if (value.equals("PolicyVioloation") || value.equals("POLICYVIOLOATION")) {
                return POLICY_VIOLATION;
            }
            for (WorkItemType t : values()) {
                if (t.wireName.equals(value)) {
                    return t;
                }
            }
            if (value.equals(value.toUpperCase(Locale.ROOT))) {
                for (WorkItemType t : values()) {
                    if (t.name().equals(value) || t.name().replace("_", "").equals(value)) {
                        return t;
                    }
                }
            }
        }
        throw new InvalidRequestException("unknown work item type: " + value, "type");
    }
}
