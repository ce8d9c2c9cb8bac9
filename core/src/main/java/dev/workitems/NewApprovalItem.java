package dev.workitems;

import static dev.workitems.Checks.notNull;
import static dev.workitems.Checks.text;

/**
 * An approval item to create with a work item; it starts {@code Pending}.
 *
 * @param id its id, or null to have one generated
 * @param account the account referenced, may be null
 * @param application the application or source name
 * @param name the attribute's name, may be null
 * @param operation the attribute's operation (free text)
 * @param value the attribute's value, may be null
 */
public record NewApprovalItem(
        String id, String account, String application, String name, String operation, String value) {

    /** @throws InvalidRequestException if application or operation is missing, or the id is blank */
    public NewApprovalItem {
        if (id != null && id.isBlank()) {
            throw new InvalidRequestException(
                    "approvalItems.id must not be blank (leave it null to generate one)", "approvalItems.id");
        }
        notNull(application, "approvalItems.application");
        notNull(operation, "approvalItems.operation");
        text(account, "approvalItems.account");
        text(name, "approvalItems.name");
        text(value, "approvalItems.value");
        text(id, "approvalItems.id");
    }

    /**
     * @param account the account referenced
     * @param application the application or source name
     * @param name the attribute's name
     * @param operation the attribute's operation
     * @param value the attribute's value
     * @return an approval item whose id will be generated
     */
    public static NewApprovalItem of(String account, String application, String name, String operation, String value) {
        return new NewApprovalItem(null, account, application, name, operation, value);
    }
}
