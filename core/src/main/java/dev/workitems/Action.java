package dev.workitems;

import static dev.workitems.Checks.notBlank;
import static dev.workitems.Checks.notNull;

import java.util.Map;

/** A change asked of a work item, with who asks it: the input of the state machine ({@link Transitions#apply}). */
sealed interface Action {

    /** @return the identity acting */
    String actorId();

    /** @return which kind of action this is */
    ActionKind kind();

    /** @param actorId who completes */
    record Complete(String actorId) implements Action {
        /** @throws InvalidRequestException if the actor is blank */
        public Complete {
            notBlank(actorId, "actorId");
        }

        @Override
        public ActionKind kind() {
            return ActionKind.COMPLETE;
        }
    }

    /** @param actorId who decides @param approvalItemId which approval item */
    record Approve(String actorId, String approvalItemId) implements Action {
        /** @throws InvalidRequestException if a field is blank */
        public Approve {
            notBlank(actorId, "actorId");
            notBlank(approvalItemId, "approvalItemId");
        }

        @Override
        public ActionKind kind() {
            return ActionKind.APPROVE;
        }
    }

    /** @param actorId who decides @param approvalItemId which approval item */
    record Reject(String actorId, String approvalItemId) implements Action {
        /** @throws InvalidRequestException if a field is blank */
        public Reject {
            notBlank(actorId, "actorId");
            notBlank(approvalItemId, "approvalItemId");
        }

        @Override
        public ActionKind kind() {
            return ActionKind.REJECT;
        }
    }

    /** @param actorId who decides */
    record BulkApprove(String actorId) implements Action {
        /** @throws InvalidRequestException if the actor is blank */
        public BulkApprove {
            notBlank(actorId, "actorId");
        }

        @Override
        public ActionKind kind() {
            return ActionKind.BULK_APPROVE;
        }
    }

    /** @param actorId who decides */
    record BulkReject(String actorId) implements Action {
        /** @throws InvalidRequestException if the actor is blank */
        public BulkReject {
            notBlank(actorId, "actorId");
        }

        @Override
        public ActionKind kind() {
            return ActionKind.BULK_REJECT;
        }
    }

    /**
     * @param actorId who forwards
     * @param targetOwnerId the new owner, already known to exist
     * @param targetOwnerName the new owner's display name
     * @param comment the comment for the new owner
     * @param sendNotifications whether the new owner is to be notified
     */
    record Forward(
            String actorId, String targetOwnerId, String targetOwnerName, String comment, boolean sendNotifications)
            implements Action {
        /** @throws InvalidRequestException if a field is blank */
        public Forward {
            notBlank(actorId, "actorId");
            notBlank(targetOwnerId, "targetOwnerId");
            notNull(targetOwnerName, "targetOwnerName");
            notBlank(comment, "comment");
        }

        @Override
        public ActionKind kind() {
            return ActionKind.FORWARD;
        }
    }

    /** @param actorId who submits @param selection the selection, keyed on field name */
    record SubmitAccountSelection(String actorId, Map<String, Object> selection) implements Action {
        /** @throws InvalidRequestException if the selection is missing or not JSON-shaped */
        public SubmitAccountSelection {
            notBlank(actorId, "actorId");
            selection = JsonValues.copyObject(notNull(selection, "selection"), "selection");
        }

        @Override
        public ActionKind kind() {
            return ActionKind.SUBMIT_ACCOUNT_SELECTION;
        }
    }

    /** @param actorId who returns it @param reason why */
    record Return(String actorId, String reason) implements Action {
        /** @throws InvalidRequestException if a field is blank */
        public Return {
            notBlank(actorId, "actorId");
            notBlank(reason, "reason");
        }

        @Override
        public ActionKind kind() {
            return ActionKind.RETURN;
        }
    }

    /** @param actorId who expires it @param reason why */
    record Expire(String actorId, String reason) implements Action {
        /** @throws InvalidRequestException if a field is blank */
        public Expire {
            notBlank(actorId, "actorId");
            notBlank(reason, "reason");
        }

        @Override
        public ActionKind kind() {
            return ActionKind.EXPIRE;
        }
    }

    /** @param actorId who cancels it @param reason why */
    record Cancel(String actorId, String reason) implements Action {
        /** @throws InvalidRequestException if a field is blank */
        public Cancel {
            notBlank(actorId, "actorId");
            notBlank(reason, "reason");
        }

        @Override
        public ActionKind kind() {
            return ActionKind.CANCEL;
        }
    }

    /**
     * The clock reminds the current owner of what fell due by {@code dueBy}.
     *
     * @param actorId the actor recorded ({@code timer})
     * @param dueBy the sweep's time: what fell due up to it is done
     */
    record Remind(String actorId, java.time.Instant dueBy) implements Action {
        /** @throws InvalidRequestException if a field is missing */
        public Remind {
            notBlank(actorId, "actorId");
            notNull(dueBy, "dueBy");
        }

        @Override
        public ActionKind kind() {
            return ActionKind.REMIND;
        }
    }

    /**
     * The clock runs escalation step {@code step}.
     *
     * @param actorId the actor recorded ({@code timer})
     * @param dueBy the sweep's time
     * @param step which step
     * @param stepKind what it does
     * @param targetId for NOTIFY and REASSIGN, the identity found (known to the directory), or null if none
     * @param targetName that identity's display name
     * @param skipped for NOTIFY and REASSIGN without a target, why (the resolver named nobody, or no one known)
     */
    record Escalate(
            String actorId,
            java.time.Instant dueBy,
            int step,
            Timers.Kind stepKind,
            String targetId,
            String targetName,
            String skipped)
            implements Action {
        /** @throws InvalidRequestException if a field is missing */
        public Escalate {
            notBlank(actorId, "actorId");
            notNull(dueBy, "dueBy");
            notNull(stepKind, "stepKind");
            if ((stepKind == Timers.Kind.NOTIFY || stepKind == Timers.Kind.REASSIGN)
                    && (targetId == null) == (skipped == null)) {
                throw new IllegalArgumentException("a target, or why there is none");
            }
        }

        @Override
        public ActionKind kind() {
            return switch (stepKind) {
                case NOTIFY -> ActionKind.ESCALATE_NOTIFY;
                case REASSIGN -> ActionKind.ESCALATE_REASSIGN;
                case DECIDE -> ActionKind.ESCALATE_DECIDE;
                case EXPIRE -> ActionKind.ESCALATE_EXPIRE;
            };
        }
    }

    /**
     * The host replaces the item's timers; how far the old ones ran is kept.
     *
     * @param actorId who
     * @param timers the new timers (deadline resolved), or null for none
     */
    record Reschedule(String actorId, Timers timers) implements Action {
        /** @throws InvalidRequestException if the actor is blank */
        public Reschedule {
            notBlank(actorId, "actorId");
        }

        @Override
        public ActionKind kind() {
            return ActionKind.RESCHEDULE;
        }
    }
}
