package dev.workitems;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One standing out-of-office rule (upstream: a reassignment configuration's detail): new work of one config type for
 * {@code identityId} goes to {@code targetId} while the rule is active, with who made and last changed it.
 *
 * @param identityId whose work it reassigns
 * @param configType which work
 * @param targetId to whom
 * @param start from when (inclusive)
 * @param end until when (exclusive); null for no end
 * @param created when the rule was made
 * @param createdBy who made it
 * @param modified when it was last replaced; null if never
 * @param modifiedBy who replaced it last; null if never
 */
public record ReassignmentRule(
        String identityId,
        ReassignmentConfigType configType,
        String targetId,
        Instant start,
        Instant end,
        Instant created,
        String createdBy,
        Instant modified,
        String modifiedBy) {

    /** @throws InvalidRequestException if a required field is missing or the period is empty */
    public ReassignmentRule {
        Checks.notBlank(identityId, "reassignedFromId");
        Checks.notNull(configType, "configType");
        Checks.notBlank(targetId, "reassignedToId");
        start = Checks.notNull(start, "startDate").truncatedTo(ChronoUnit.MILLIS);
        end = end == null ? null : end.truncatedTo(ChronoUnit.MILLIS);
        if (end != null && !start.isBefore(end)) {
            throw new InvalidRequestException("startDate must be before endDate", "endDate");
        }
        created = Checks.notNull(created, "created").truncatedTo(ChronoUnit.MILLIS);
        Checks.notBlank(createdBy, "createdBy");
        modified = modified == null ? null : modified.truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * @param now a time
     * @return true if the rule acts at that time ({@code start <= now < end}, R3)
     */
    public boolean activeAt(Instant now) {
        return !start.isAfter(now) && (end == null || now.isBefore(end));
    }
}
