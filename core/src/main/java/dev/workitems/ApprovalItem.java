package dev.workitems;

import static dev.workitems.Checks.notBlank;
import static dev.workitems.Checks.notNull;
import static dev.workitems.Checks.text;

/**
 * One thing to approve or reject inside a work item ({@code ApprovalItemDetails}).
 *
 * @param id the approval item's id, unique within its work item
 * @param account the account referenced, may be null
 * @param application the application or source name
 * @param name the attribute's name, may be null
 * @param operation the attribute's operation (free text, e.g. {@code update})
 * @param value the attribute's value, may be null
 * @param state its state; null reads as {@link WorkItemState#PENDING} (D7)
 */
public record ApprovalItem(
        String id,
        String account,
        String application,
        String name,
        String operation,
        String value,
        WorkItemState state) {

    /** @throws InvalidRequestException if id is blank or application or operation is missing */
    public ApprovalItem {
        notBlank(id, "approvalItems.id");
        notNull(application, "approvalItems.application");
        notNull(operation, "approvalItems.operation");
        text(account, "approvalItems.account");
        text(name, "approvalItems.name");
        text(value, "approvalItems.value");
    }

    /** @return true if the item still awaits a decision (state Pending or null) */
    public boolean isUndecided() {
        return state == null || state == WorkItemState.PENDING;
    }

    /**
     * @param newState the state to set
     * @return a copy in that state
     */
    public ApprovalItem withState(WorkItemState newState) {
        return new ApprovalItem(id, account, application, name, operation, value, newState);
    }
}
