package dev.workitems.spi;

import dev.workitems.WorkItem;
import java.time.Instant;

/**
 * Items the service holds in memory, offered to a store that decodes what it reads (see
 * {@link WorkItemRepository#recallFrom}). Every stored change increments an item's version and no item is ever deleted,
 * so an id and a version name one stored state: a store that has read a row's id and version may answer with the known
 * item at that version instead of decoding the rest of the row (the JDBC store also compares the creation and
 * modification times, so that a database filled again under the same ids is not taken for the one the service saw). The
 * service offers only states it has seen committed (never one written inside a host's transaction before the commit).
 */
@FunctionalInterface
public interface KnownItems {

    /**
     * Must be thread-safe and cheap: a store calls it once per row it reads.
     *
     * @param id an item id, as stored
     * @param version the version stored with it
     * @return the item known with exactly this id and version, or null
     */
    WorkItem recall(String id, long version);

    /** What {@link #recall(String, long, long, long)} is given for an item never modified (no modification time). */
    long NEVER_MODIFIED = Long.MIN_VALUE;

    /**
     * The same, for a store that also compares the times stored with the row; a cache may keep them beside its items
     * and answer without reading the item. The default recalls by id and version and compares the item's times.
     *
     * @param id an item id, as stored
     * @param version the version stored with it
     * @param createdMillis its creation time, in milliseconds since the epoch
     * @param modifiedMillis its modification time, in milliseconds since the epoch, or {@link #NEVER_MODIFIED}
     * @return the item known with exactly this id, version and times, or null
     */
    default WorkItem recall(String id, long version, long createdMillis, long modifiedMillis) {
        WorkItem w = recall(id, version);
        if (w == null || !w.created().equals(Instant.ofEpochMilli(createdMillis))) {
            return null;
        }
        Instant modified = w.modified();
        return modifiedMillis == NEVER_MODIFIED
                ? (modified == null ? w : null)
                : (Instant.ofEpochMilli(modifiedMillis).equals(modified) ? w : null);
    }
}
