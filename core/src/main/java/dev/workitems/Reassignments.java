package dev.workitems;

import java.util.List;

/**
 * Work Reassignment (SailPoint's V2024 {@code /reassignment-configurations}, 9 operations): standing out-of-office
 * rules that send an identity's new work to someone else for a period or for good, each operation taking the caller
 * first. Rules act when an item is created for an identity and when an item is forwarded to one (R2): the new owner is
 * the end of that identity's chain of active rules for the item's config type (R3), never the item's requester (R4),
 * and the item's history records each step with the original owner. Get it from {@link WorkItems#reassignments()}.
 */
public interface Reassignments {

    /**
     * @param caller who asks
     * @return every rule the caller may read (an admin: all; anyone else: their own), by identity then config type
     */
    List<ReassignmentRule> list(Caller caller);

    /**
     * Creates a rule (R6: both identities known and different, one rule per identity and config type).
     *
     * @param caller who asks: the identity itself or an admin (R5)
     * @param request the rule
     * @return the stored rule
     * @throws InvalidRequestException if the request is invalid or the identity already has a rule of that type
     * @throws ForbiddenException if the caller may not change that identity's rules
     */
    ReassignmentRule create(Caller caller, ReassignmentRequest request);

    /**
     * @param caller who asks: the identity itself or an admin
     * @param identityId whose rules
     * @return that identity's rules, by config type (empty if none)
     * @throws NotFoundException if the identity is unknown
     * @throws ForbiddenException if the caller may not read them
     */
    List<ReassignmentRule> get(Caller caller, String identityId);

    /**
     * Replaces, or creates, the identity's rule of the request's config type, leaving its other types alone (R6).
     *
     * @param caller who asks: the identity itself or an admin
     * @param identityId whose rule; the request's {@code reassignedFromId} must be it
     * @param request the rule
     * @return the stored rule
     * @throws InvalidRequestException if the request is invalid
     * @throws ForbiddenException if the caller may not change that identity's rules
     */
    ReassignmentRule put(Caller caller, String identityId, ReassignmentRequest request);

    /**
     * @param caller who asks: the identity itself or an admin
     * @param identityId whose rule
     * @param configType which
     * @throws NotFoundException if the identity has no rule of that type
     * @throws ForbiddenException if the caller may not change that identity's rules
     */
    void delete(Caller caller, String identityId, ReassignmentConfigType configType);

    /**
     * Where the identity's new work of that type goes now (R3, R7).
     *
     * @param caller who asks: the identity itself or an admin
     * @param identityId whose chain
     * @param configType which work
     * @param requesterId with upstream's {@code exclusionFilters=SELF_REVIEW_DELEGATION}, the requester the chain must
     *     not end on (R4); null for no exclusion
     * @return the end of the chain and the steps taken
     * @throws NotFoundException if the identity is unknown
     * @throws ForbiddenException if the caller may not read that identity's rules
     */
    ReassignmentEvaluation evaluate(
            Caller caller, String identityId, ReassignmentConfigType configType, String requesterId);

    /**
     * The audit trail of an identity's rules (R9): every creation, replacement and deletion, with who, when, before and
     * after, oldest first.
     *
     * @param caller who asks: the identity itself or an admin
     * @param identityId whose rules
     * @return the changes
     * @throws ForbiddenException if the caller may not read that identity's rules
     */
    List<dev.workitems.spi.ReassignmentStore.RuleChange> changes(Caller caller, String identityId);

    /**
     * @param caller any caller
     * @return the config types, in upstream's order
     */
    List<ReassignmentConfigType> types(Caller caller);

    /**
     * @param caller any caller
     * @return the tenant's switch
     */
    TenantReassignmentSwitch tenantSwitch(Caller caller);

    /**
     * @param caller an admin
     * @param disabled true to stop every rule from acting (none is deleted)
     * @return the stored switch
     * @throws ForbiddenException if the caller is not an admin
     */
    TenantReassignmentSwitch setTenantSwitch(Caller caller, boolean disabled);

    /**
     * Moves every pending item of one identity (optionally only those of one config type) to another, as admins and
     * hosts do when someone leaves or goes away before a rule existed (R2: rules never move existing items). Each move
     * is an ordinary forward-like change of its own, with its history ({@code FORWARDED}, the caller as actor) and feed
     * event, and the target's own rules apply as to a forward. The items are those pending at the start of the call; an
     * item that has meanwhile left the identity's pending list is skipped, with the reason.
     *
     * @param caller an admin
     * @param fromId whose pending items
     * @param toId to whom
     * @param configType only items of this config type; null for all
     * @return one result per item, in list order
     * @throws InvalidRequestException if an identity is unknown ({@code 400.1.404}) or both are the same
     * @throws ForbiddenException if the caller is not an admin
     */
    List<ReassignmentMove> moveAll(Caller caller, String fromId, String toId, ReassignmentConfigType configType);
}
