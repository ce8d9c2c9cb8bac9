package dev.workitems.spi;

import dev.workitems.ReassignmentConfigType;
import dev.workitems.ReassignmentRule;
import dev.workitems.TenantReassignmentSwitch;
import java.util.List;
import java.util.Objects;

/**
 * Where Work Reassignment rules and the tenant's switch live, beside the items. A store that offers them implements
 * this beside {@link WorkItemRepository}. Each method is atomic on its own and thread-safe; writes are compare-and-set,
 * so that of two admins changing one identity's rule at once one wins and the other is told.
 */
public interface ReassignmentStore {

    /**
     * @param identityId whose rules; null for every identity's
     * @return the rules, ordered by identity id then config type
     */
    List<ReassignmentRule> rules(String identityId);

    /**
     * Creates, replaces or deletes the rule of one (identity, config type), if and only if what is stored for it is
     * {@link RuleWrite#expected()} (null: none).
     *
     * @param write what to write
     * @return true if written; false, with nothing written, if the stored rule differs from the expected one
     */
    boolean writeRule(RuleWrite write);

    /**
     * The audit trail of rule changes (R9), written by {@link #writeRule} in the same atomic step as each change.
     *
     * @param identityId whose rules; null for everyone's
     * @return the changes, oldest first
     */
    List<RuleChange> ruleChanges(String identityId);

    /** @return the tenant's switch ({@link TenantReassignmentSwitch#DEFAULT} until set) */
    TenantReassignmentSwitch tenantSwitch();

    /** @param next the switch to store (last writer wins: it is one flag) */
    void writeTenantSwitch(TenantReassignmentSwitch next);

    /**
     * One compare-and-set write of a rule, and the audit entry it appends when it applies.
     *
     * @param identityId whose rule
     * @param configType which
     * @param expected the rule as stored now, or null if there is none
     * @param next the rule to store, or null to delete it
     * @param actorId who changes it
     * @param at when
     */
    record RuleWrite(
            String identityId,
            ReassignmentConfigType configType,
            ReassignmentRule expected,
            ReassignmentRule next,
            String actorId,
            java.time.Instant at) {
        /** @throws IllegalArgumentException if a rule belongs to another (identity, config type) */
        public RuleWrite {
            Objects.requireNonNull(identityId, "identityId");
            Objects.requireNonNull(configType, "configType");
            Objects.requireNonNull(actorId, "actorId");
            Objects.requireNonNull(at, "at");
            for (ReassignmentRule r : new ReassignmentRule[] {expected, next}) {
                if (r != null && (!r.identityId().equals(identityId) || r.configType() != configType)) {
                    throw new IllegalArgumentException("rule " + r + " is not " + identityId + "/" + configType);
                }
            }
        }
    }

    /**
     * One entry of the audit trail: who changed which rule when, from what to what.
     *
     * @param identityId whose rule
     * @param configType which
     * @param at when
     * @param actorId who
     * @param before the rule before; null for a creation
     * @param after the rule after; null for a deletion
     */
    record RuleChange(
            String identityId,
            ReassignmentConfigType configType,
            java.time.Instant at,
            String actorId,
            ReassignmentRule before,
            ReassignmentRule after) {}
}
