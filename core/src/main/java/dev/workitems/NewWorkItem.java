package dev.workitems;

import static dev.workitems.Checks.copyNullable;
import static dev.workitems.Checks.notBlank;
import static dev.workitems.Checks.notNull;
import static dev.workitems.Checks.text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a host gives to create a work item. Build one with {@link #builder()}; the owner and the requester must be known
 * to the identity directory when the item is created.
 *
 * @param id the id to use, or null to have one generated
 * @param type the type
 * @param name the name, may be null
 * @param description what the owner is to do
 * @param requesterId who asks, may be null
 * @param ownerId who is to do it
 * @param approvalItems approval items, or null for none
 * @param remediationItems remediation items, or null for none
 * @param form a form (e.g. an account selection), may be null
 * @param timers its deadline, reminders and escalation; null for the builder's defaults for its type
 *     ({@code WorkItems.Builder.defaultTimers}), {@link Timers#NONE} for none
 */
public record NewWorkItem(
        String id,
        WorkItemType type,
        String name,
        String description,
        String requesterId,
        String ownerId,
        List<NewApprovalItem> approvalItems,
        List<RemediationItem> remediationItems,
        Form form,
        Timers timers) {

    /** @throws InvalidRequestException if a required field is missing, or approval item ids repeat */
    public NewWorkItem {
        if (id != null && id.isBlank()) {
            throw new InvalidRequestException("id must not be blank (leave it null to generate one)", "id");
        }
        notNull(type, "type");
        notBlank(description, "description");
        notBlank(ownerId, "ownerId");
        text(id, "id");
        text(name, "name");
        text(requesterId, "requesterId");
        if (requesterId != null && requesterId.isBlank()) {
            throw new InvalidRequestException("requesterId must not be blank (leave it null for none)", "requesterId");
        }
        approvalItems = copyNullable(approvalItems, "approvalItems");
        remediationItems = copyNullable(remediationItems, "remediationItems");
        if (timers != null && (timers.remindersSent() != 0 || timers.stepsDone() != 0)) {
            throw new InvalidRequestException("a new item's timers have run nothing yet", "timers");
        }
        if (approvalItems != null) {
            Set<String> ids = new HashSet<>();
            for (NewApprovalItem a : approvalItems) {
                if (a.id() != null && !ids.add(a.id())) {
                    throw new InvalidRequestException(
                            "approval item id " + a.id() + " appears twice", "approvalItems.id");
                }
            }
        }
    }

    /** @return an empty builder (type {@code Generic}) */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link NewWorkItem}; each setter checks its value at once. Not thread-safe. */
    public static final class Builder {
        private String id;
        private WorkItemType type = WorkItemType.GENERIC;
        private String name;
        private String description;
        private String requesterId;
        private String ownerId;
        private List<NewApprovalItem> approvalItems;
        private List<RemediationItem> remediationItems;
        private Form form;
        private Timers timers;

        private Builder() {}

        /** @param v the id to use instead of a generated one @return this */
        public Builder id(String v) {
            id = notBlank(v, "id");
            return this;
        }
        /** @param v the type @return this */
        public Builder type(WorkItemType v) {
            type = notNull(v, "type");
            return this;
        }
        /** @param v the name @return this */
        public Builder name(String v) {
            name = v;
            return this;
        }
        /** @param v the description @return this */
        public Builder description(String v) {
            description = notBlank(v, "description");
            return this;
        }
        /** @param v the requester's identity id @return this */
        public Builder requesterId(String v) {
            requesterId = notBlank(v, "requesterId");
            return this;
        }
        /** @param v the owner's identity id @return this */
        public Builder ownerId(String v) {
            ownerId = notBlank(v, "ownerId");
            return this;
        }
        /** @param v the form @return this */
        public Builder form(Form v) {
            form = notNull(v, "form");
            return this;
        }

        /**
         * @param v the deadline, reminders and escalation; {@link Timers#NONE} for none even if the builder has
         *     defaults for the type
         * @return this
         */
        public Builder timers(Timers v) {
            timers = notNull(v, "timers");
            return this;
        }

        /** @param v an approval item to add @return this */
        public Builder approvalItem(NewApprovalItem v) {
            if (approvalItems == null) {
                approvalItems = new ArrayList<>();
            }
            approvalItems.add(notNull(v, "approvalItems[]"));
            return this;
        }

        /** @param v a remediation item to add @return this */
        public Builder remediationItem(RemediationItem v) {
            if (remediationItems == null) {
                remediationItems = new ArrayList<>();
            }
            remediationItems.add(notNull(v, "remediationItems[]"));
            return this;
        }

        /**
         * @return the request
         * @throws InvalidRequestException if the description or the owner is missing
         */
        public NewWorkItem build() {
            return new NewWorkItem(
                    id, type, name, description, requesterId, ownerId, approvalItems, remediationItems, form, timers);
        }
    }
}
