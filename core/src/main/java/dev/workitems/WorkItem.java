package dev.workitems;

import static dev.workitems.Checks.copy;
import static dev.workitems.Checks.copyNullable;
import static dev.workitems.Checks.notBlank;
import static dev.workitems.Checks.notNull;
import static dev.workitems.Checks.text;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A human work item: every field of the contract's {@code WorkItems} schema, plus the submitted account selection and
 * the optimistic-concurrency version, which the V2024 wire format does not show. Deeply immutable; times are kept to
 * the millisecond (D13).
 *
 * @param id the id (32 lower-case hex characters when the library makes it)
 * @param requesterId who asked for it, may be null
 * @param requesterDisplayName the requester's display name, may be null
 * @param ownerId the current owner
 * @param ownerName the owner's display name
 * @param created when it was created
 * @param modified when it last changed; null until its first change
 * @param description what to do
 * @param state its state
 * @param type its type
 * @param remediationItems remediation items, null when it has none
 * @param approvalItems approval items, null when it has none; ids unique
 * @param name its name, may be null
 * @param completed when it left {@code Pending}; null exactly while it is pending
 * @param form its form, may be null
 * @param errors errors that occurred while processing it; never null
 * @param accountSelection the submitted account selection, keyed on field name; null until submitted
 * @param timers its deadline, reminders and escalation steps, with how far they have run; null when it has none (not
 *     part of the V2024 wire format)
 * @param version the storage version, incremented by every change (1 when created)
 */
public record WorkItem(
        String id,
        String requesterId,
        String requesterDisplayName,
        String ownerId,
        String ownerName,
        Instant created,
        Instant modified,
        String description,
        WorkItemState state,
        WorkItemType type,
        List<RemediationItem> remediationItems,
        List<ApprovalItem> approvalItems,
        String name,
        Instant completed,
        Form form,
        List<String> errors,
        Map<String, Object> accountSelection,
        Timers timers,
        long version) {

    /** @throws InvalidRequestException if a required field is missing or the fields contradict each other */
    public WorkItem {
        notBlank(id, "id");
        notBlank(ownerId, "ownerId");
        notNull(ownerName, "ownerName");
        created = millis(notNull(created, "created"));
        modified = millis(modified);
        completed = millis(completed);
        notNull(description, "description");
        notNull(state, "state");
        notNull(type, "type");
        text(requesterId, "requesterId");
        text(requesterDisplayName, "requesterDisplayName");
        text(name, "name");
        remediationItems = copyNullable(remediationItems, "remediationItems");
        approvalItems = copyNullable(approvalItems, "approvalItems");
        errors = copy(errors, "errors");
        accountSelection = JsonValues.copyObject(accountSelection, "accountSelection");
        if (approvalItems != null) {
            Set<String> ids = new HashSet<>();
            for (ApprovalItem a : approvalItems) {
                if (!ids.add(a.id())) {
                    throw new InvalidRequestException(
                            "approval item id " + a.id() + " appears twice", "approvalItems.id");
                }
            }
        }
        if (state == WorkItemState.PENDING && completed != null) {
            throw new InvalidRequestException("a Pending work item has no completed time", "completed");
        }
        if (state != WorkItemState.PENDING && completed == null) {
            throw new InvalidRequestException(
                    "a " + state.wireName() + " work item needs a completed time", "completed");
        }
        if (version < 1) {
            throw new InvalidRequestException("version must be at least 1", "version");
        }
        if (timers != null && timers.isEmpty()) {
            timers = null;
        }
        if (timers != null && timers.dueAfter() != null) {
            throw new InvalidRequestException(
                    "a stored item has its deadline as an instant (timers.due), not timers.dueAfter",
                    "timers.dueAfter");
        }
    }

    /**
     * The time the store indexes so that a sweep finds what is due without scanning: when the next reminder or
     * escalation step falls due.
     *
     * @return that time, or null when the item is not Pending or nothing is left to do
     */
    public Instant timerDue() {
        return state != WorkItemState.PENDING || timers == null ? null : timers.next(created);
    }

    private static Instant millis(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS);
    }

    /** @return approval items plus remediation items; null when it has neither (D14) */
    public Integer numItems() {
        if (approvalItems == null && remediationItems == null) {
            return null;
        }
        return (approvalItems == null ? 0 : approvalItems.size())
                + (remediationItems == null ? 0 : remediationItems.size());
    }

    /** @return true if the item is listed as completed rather than pending (D1) */
    public boolean isCompleted() {
        return state.isCompleted();
    }

    /**
     * @param approvalItemId an approval item id
     * @return the approval item with that id, or null
     */
    public ApprovalItem approvalItem(String approvalItemId) {
        if (approvalItems != null) {
            for (ApprovalItem a : approvalItems) {
                if (a.id().equals(approvalItemId)) {
                    return a;
                }
            }
        }
        return null;
    }

    /** @return a builder holding this item's fields, to derive a changed copy */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return an empty builder, for storage implementations that rebuild items from their rows */
    public static Builder builder() {
        return new Builder(null);
    }

    /** Builds a {@link WorkItem}; the record's constructor checks the fields in {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private String id;
        private String requesterId;
        private String requesterDisplayName;
        private String ownerId;
        private String ownerName;
        private Instant created;
        private Instant modified;
        private String description;
        private WorkItemState state = WorkItemState.PENDING;
        private WorkItemType type = WorkItemType.GENERIC;
        private List<RemediationItem> remediationItems;
        private List<ApprovalItem> approvalItems;
        private String name;
        private Instant completed;
        private Form form;
        private List<String> errors = List.of();
        private Map<String, Object> accountSelection;
        private Timers timers;
        private long version = 1;

        private Builder(WorkItem w) {
            if (w != null) {
                id = w.id;
                requesterId = w.requesterId;
                requesterDisplayName = w.requesterDisplayName;
                ownerId = w.ownerId;
                ownerName = w.ownerName;
                created = w.created;
                modified = w.modified;
                description = w.description;
                state = w.state;
                type = w.type;
                remediationItems = w.remediationItems;
                approvalItems = w.approvalItems;
                name = w.name;
                completed = w.completed;
                form = w.form;
                errors = w.errors;
                accountSelection = w.accountSelection;
                timers = w.timers;
                version = w.version;
            }
        }

        /** @param v the id @return this */
        public Builder id(String v) {
            id = v;
            return this;
        }
        /** @param v the requester id @return this */
        public Builder requesterId(String v) {
            requesterId = v;
            return this;
        }
        /** @param v the requester's display name @return this */
        public Builder requesterDisplayName(String v) {
            requesterDisplayName = v;
            return this;
        }
        /** @param v the owner id @return this */
        public Builder ownerId(String v) {
            ownerId = v;
            return this;
        }
        /** @param v the owner's display name @return this */
        public Builder ownerName(String v) {
            ownerName = v;
            return this;
        }
        /** @param v the creation time @return this */
        public Builder created(Instant v) {
            created = v;
            return this;
        }
        /** @param v the last-modified time @return this */
        public Builder modified(Instant v) {
            modified = v;
            return this;
        }
        /** @param v the description @return this */
        public Builder description(String v) {
            description = v;
            return this;
        }
        /** @param v the state @return this */
        public Builder state(WorkItemState v) {
            state = v;
            return this;
        }
        /** @param v the type @return this */
        public Builder type(WorkItemType v) {
            type = v;
            return this;
        }
        /** @param v the remediation items @return this */
        public Builder remediationItems(List<RemediationItem> v) {
            remediationItems = v;
            return this;
        }
        /** @param v the approval items @return this */
        public Builder approvalItems(List<ApprovalItem> v) {
            approvalItems = v;
            return this;
        }
        /** @param v the name @return this */
        public Builder name(String v) {
            name = v;
            return this;
        }
        /** @param v the completion time @return this */
        public Builder completed(Instant v) {
            completed = v;
            return this;
        }
        /** @param v the form @return this */
        public Builder form(Form v) {
            form = v;
            return this;
        }
        /** @param v the errors @return this */
        public Builder errors(List<String> v) {
            errors = v;
            return this;
        }
        /** @param v the account selection @return this */
        public Builder accountSelection(Map<String, Object> v) {
            accountSelection = v;
            return this;
        }
        /** @param v the timers, or null for none @return this */
        public Builder timers(Timers v) {
            timers = v;
            return this;
        }
        /** @param v the version @return this */
        public Builder version(long v) {
            version = v;
            return this;
        }

        /**
         * @return the item
         * @throws InvalidRequestException if the fields do not make a valid item
         */
        public WorkItem build() {
            return new WorkItem(
                    id,
                    requesterId,
                    requesterDisplayName,
                    ownerId,
                    ownerName,
                    created,
                    modified,
                    description,
                    state,
                    type,
                    remediationItems,
                    approvalItems,
                    name,
                    completed,
                    form,
                    errors,
                    accountSelection,
                    timers,
                    version);
        }
    }
}
