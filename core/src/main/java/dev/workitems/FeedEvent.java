package dev.workitems;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the event feed: a history event of some work item, with its position in the feed and what the change it
 * belongs to did to the item. Every change the library stores appends one feed event per history event, in the same
 * atomic step; a call that fails, is refused or changes nothing appends none.
 *
 * <p>Positions are unique and increase in the order in which readers can see events: once a reader has been given the
 * event at position {@code p}, no event below {@code p} can appear later, on any store, however many writers and host
 * instances there are (on PostgreSQL positions are given at read time to committed events, see the README's <em>Event
 * feed</em>). The events of one item appear in version order. Positions need not be consecutive.
 *
 * @param position where the event stands in the feed, &gt;= 1
 * @param workItemId the item
 * @param itemVersion the version the change produced (the events of one change share it)
 * @param action what happened
 * @param actorId who acted
 * @param at when, to the millisecond
 * @param comment the comment or reason given, may be null
 * @param data details, as in {@link HistoryEvent#data()}; never null
 * @param itemType the item's type
 * @param ownerBefore the owner before the change; null for {@link HistoryAction#CREATED}, and for events written before
 *     schema version 2 of the JDBC store
 * @param ownerAfter the owner after the change; null only for events written before schema version 2
 * @param stateBefore the item's state before the change; null as {@code ownerBefore}
 * @param stateAfter the item's state after the change; null only for events written before schema version 2
 */
public record FeedEvent(
        long position,
        String workItemId,
        long itemVersion,
        HistoryAction action,
        String actorId,
        Instant at,
        String comment,
        Map<String, Object> data,
        WorkItemType itemType,
        String ownerBefore,
        String ownerAfter,
        WorkItemState stateBefore,
        WorkItemState stateAfter) {

    /** @throws IllegalArgumentException if the position is below 1 or a required field is missing */
    public FeedEvent {
        if (position < 1) {
            throw new IllegalArgumentException("a feed position is at least 1, not " + position);
        }
        Objects.requireNonNull(workItemId, "workItemId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(at, "at");
        data = data == null ? Map.of() : JsonValues.copyObject(data, "data");
    }

    /**
     * Makes the feed event of one history event of a stored change.
     *
     * @param position where it stands in the feed
     * @param event the history event
     * @param before the item before the change; null for an insert
     * @param after the item as stored by the change
     * @return the feed event
     */
    public static FeedEvent of(long position, HistoryEvent event, WorkItem before, WorkItem after) {
        return new FeedEvent(
                position,
                event.workItemId(),
                event.itemVersion(),
                event.action(),
                event.actorId(),
                event.at(),
                event.comment(),
                event.data(),
                after.type(),
                before == null ? null : before.ownerId(),
                after.ownerId(),
                before == null ? null : before.state(),
                after.state());
    }

    /** @return the history event this feed event carries (as {@link WorkItems#history} returns it) */
    public HistoryEvent history() {
        return new HistoryEvent(workItemId, itemVersion, at, actorId, action, comment, data);
    }
}
