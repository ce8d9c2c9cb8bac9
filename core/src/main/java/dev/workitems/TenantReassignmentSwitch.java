package dev.workitems;

import java.time.Instant;

/**
 * The tenant's switch for Work Reassignment (R7): when disabled, no rule acts, and none is deleted.
 *
 * @param disabled true to stop every rule from acting
 * @param modified when it was last set; null if never
 * @param modifiedBy who set it last; null if never
 */
public record TenantReassignmentSwitch(boolean disabled, Instant modified, String modifiedBy) {
    /** The switch before anyone sets it: rules act. */
    public static final TenantReassignmentSwitch DEFAULT = new TenantReassignmentSwitch(false, null, null);
}
