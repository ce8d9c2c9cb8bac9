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

    /** @return the tenant's switch ({@link TenantReassignmentSwitch#DEFAULT} until set) */
    TenantReassignmentSwitch tenantSwitch();

    /** @param next the switch to store (last writer wins: it is one flag) */
    void writeTenantSwitch(TenantReassignmentSwitch next);

    /**
     * One compare-and-set write of a rule.
     *
     * @param identityId whose rule
     * @param configType which
     * @param expected the rule as stored now, or null if there is none
     * @param next the rule to store, or null to delete it
     */
    record RuleWrite(
            String identityId, ReassignmentConfigType configType, ReassignmentRule expected, ReassignmentRule next) {
        /** @throws IllegalArgumentException if a rule belongs to another (identity, config type) */
        public RuleWrite {
            Objects.requireNonNull(identityId, "identityId");
            Objects.requireNonNull(configType, "configType");
            for (ReassignmentRule r : new ReassignmentRule[] {expected, next}) {
                if (r != null && (!r.identityId().equals(identityId) || r.configType() != configType)) {
                    throw new IllegalArgumentException("rule " + r + " is not " + identityId + "/" + configType);
                }
            }
        }
    }
}
