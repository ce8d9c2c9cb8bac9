package dev.workitems.spi;

import dev.workitems.WorkItem;
import java.time.Instant;

/**
 * A forward that has been stored and asked for a notification (D11).
 *
 * @param item the item as stored after the forward (its owner is the new owner)
 * @param previousOwnerId the owner before
 * @param previousOwnerName the previous owner's display name
 * @param actorId who forwarded
 * @param comment the comment for the new owner
 * @param at when
 */
public record ForwardNotification(
        WorkItem item, String previousOwnerId, String previousOwnerName, String actorId, String comment, Instant at) {}
