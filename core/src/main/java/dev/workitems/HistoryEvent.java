package dev.workitems;

import static dev.workitems.Checks.notBlank;
import static dev.workitems.Checks.notNull;
import static dev.workitems.Checks.text;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * One entry of a work item's history: who did what, when, with which comment and data. Every change the library applies
 * appends at least one; they are written in the same atomic step as the change.
 *
 * @param workItemId the item
 * @param itemVersion the item version the change produced (events of one change share it)
 * @param at when
 * @param actorId the identity that acted (for host actions, the actor the host named)
 * @param action what happened
 * @param comment the comment or reason given, may be null
 * @param data details (e.g. previous and new owner); never null, JSON-shaped
 */
public record HistoryEvent(
        String workItemId,
        long itemVersion,
        Instant at,
        String actorId,
        HistoryAction action,
        String comment,
        Map<String, Object> data) {

    /** @throws InvalidRequestException if a required field is missing */
    public HistoryEvent {
        notBlank(workItemId, "workItemId");
        at = notNull(at, "at").truncatedTo(ChronoUnit.MILLIS);
        notBlank(actorId, "actorId");
        notNull(action, "action");
        text(comment, "comment");
        data = data == null ? Map.of() : JsonValues.copyObject(data, "data");
    }
}
