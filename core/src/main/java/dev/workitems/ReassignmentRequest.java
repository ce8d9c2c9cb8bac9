package dev.workitems;

import java.time.Instant;

/**
 * What a caller asks for to create or replace a rule (upstream {@code ConfigurationItemRequest}).
 *
 * @param reassignedFromId whose work
 * @param reassignedToId to whom
 * @param configType which work
 * @param startDate from when; null for now
 * @param endDate until when; null for no end
 */
public record ReassignmentRequest(
        String reassignedFromId,
        String reassignedToId,
        ReassignmentConfigType configType,
        Instant startDate,
        Instant endDate) {}
