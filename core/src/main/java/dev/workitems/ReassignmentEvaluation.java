package dev.workitems;

import java.util.List;

/**
 * Where an identity's new work of one config type goes now (upstream {@code EvaluateResponse}): the end of its chain of
 * active rules, and the steps taken.
 *
 * @param reassignToId the identity the work goes to (the identity itself when no rule acts)
 * @param lookupTrail the steps, in order; empty when no rule acts
 */
public record ReassignmentEvaluation(String reassignToId, List<Step> lookupTrail) {

    /** Copies the trail. */
    public ReassignmentEvaluation {
        Checks.notBlank(reassignToId, "reassignToId");
        lookupTrail = List.copyOf(lookupTrail);
    }

    /** How a step was taken (upstream {@code ReassignmentTypeEnum}). */
    public enum Kind {
        /** By hand. */
        MANUAL_REASSIGNMENT,
        /** By a standing rule. */
        AUTOMATIC_REASSIGNMENT,
        /** By an escalation. */
        AUTO_ESCALATION,
        /** Kept away from the requester's own request. */
        SELF_REVIEW_DELEGATION
    }

    /**
     * One step of the chain (upstream {@code LookupStep}).
     *
     * @param reassignedFromId from whom
     * @param reassignedToId to whom
     * @param reassignmentType how
     */
    public record Step(String reassignedFromId, String reassignedToId, Kind reassignmentType) {}
}
