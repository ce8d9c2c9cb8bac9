package dev.workitems;

import dev.workitems.spi.KnownItems;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The items this service last saw committed, by id. A write that starts from a cached item is decided on it and stored
 * with a version check, so it applies only if the cached item is still the stored one; otherwise the service reads the
 * item and decides again. A read still asks the store, which may answer a row with the cached item of the same id and
 * version instead of decoding it ({@link #recall}): the store has the row, so the answer is always the stored state.
 * Thread-safe: the ids are split over independently locked segments.
 *
 * <p>Bounded, and what goes first when a segment is full is an entry not used since the clock hand last passed it
 * (CLOCK, the usual approximation of least recently used). A use only marks its entry: an access-ordered map would
 * relink the entry and its two neighbours on every read, and a page of 250 recalled items spent a quarter of its time
 * inside an HTTP request on those lookups, most of it waiting for memory. An entry also holds the version and times a
 * store compares ({@link #recall(String, long, long, long)}), so recalling an item reads the entry alone, not the item
 * and its instants.
 */
final class ItemCache implements KnownItems {
    private static final int SEGMENT_BITS = 4;
    private static final int SEGMENTS = 1 << SEGMENT_BITS;

    private final Segment[] segments = new Segment[SEGMENTS];

    /** @param capacity the most items kept (at least {@value #SEGMENTS}) */
    ItemCache(int capacity) {
        int perSegment = Math.max(1, capacity / SEGMENTS);
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment(perSegment);
        }
    }

    private Segment segment(String id) {
        // The segment comes from the top bits of a multiplicative hash. Not from the low bits: a segment's own map
        // indexes its buckets by those, so every id in a segment would share them, use a sixteenth of the buckets and
        // pile up in long (treeified) chains.
        return segments[(id.hashCode() * 0x9E3779B9) >>> (Integer.SIZE - SEGMENT_BITS)];
    }

    /** @return the item last seen under this id, or null */
    WorkItem get(String id) {
        Segment s = segment(id);
        synchronized (s) {
            Entry e = s.use(id);
            return e == null ? null : e.item;
        }
    }

    /** @return the item last seen under this id if it has this version, or null */
    @Override
    public WorkItem recall(String id, long version) {
        WorkItem known = get(id);
        return known != null && known.version() == version ? known : null;
    }

    @Override
    public WorkItem recall(String id, long version, long createdMillis, long modifiedMillis) {
        Segment s = segment(id);
        synchronized (s) {
            Entry e = s.use(id);
            return e != null
                            && e.version == version
                            && e.createdMillis == createdMillis
                            && e.modifiedMillis == modifiedMillis
                    ? e.item
                    : null;
        }
    }

    /** Remembers an item unless a later version of it is already known. */
    void put(WorkItem item) {
        Segment s = segment(item.id());
        synchronized (s) {
            s.put(item);
        }
    }

    /** Forgets an item (its cached version turned out not to be the stored one, or a write failed). */
    void remove(String id) {
        Segment s = segment(id);
        synchronized (s) {
            s.remove(id);
        }
    }

    /** An item kept, with what a recall compares, its place on the clock and whether it was used since last passed. */
    private static final class Entry {
        final int slot;
        WorkItem item;
        long version;
        long createdMillis;
        /** {@link #NEVER_MODIFIED} when never modified (items keep whole milliseconds, as stores do). */
        long modifiedMillis;

        /**
         * Set by each use, cleared as the hand passes; a new entry starts unused, so one never used again goes first.
         */
        boolean used;

        Entry(WorkItem item, int slot) {
            this.slot = slot;
            set(item);
        }

        void set(WorkItem w) {
            item = w;
            version = w.version();
            Instant modified = w.modified();
            createdMillis = w.created().toEpochMilli();
            modifiedMillis = modified == null ? NEVER_MODIFIED : modified.toEpochMilli();
        }
    }

    /** One segment: its entries by id, and the clock over them. Guarded by its own monitor. */
    private static final class Segment {
        private final Map<String, Entry> byId;
        private final Entry[] clock;
        /** Slots never used yet start here. */
        private int fresh;

        private int hand;

        Segment(int capacity) {
            this.byId = new HashMap<>(capacity * 4 / 3 + 1);
            this.clock = new Entry[capacity];
        }

        Entry use(String id) {
            Entry e = byId.get(id);
            if (e != null) {
                e.used = true;
            }
            return e;
        }

        void put(WorkItem item) {
            Entry known = byId.get(item.id());
            if (known != null) {
                if (known.item != item && known.version <= item.version()) {
                    known.set(item);
                }
                known.used = true; // recalled by the store and remembered again: the same object, already marked
                return;
            }
            int slot = fresh < clock.length ? fresh++ : evict();
            Entry e = new Entry(item, slot);
            clock[slot] = e;
            byId.put(item.id(), e);
        }

        void remove(String id) {
            Entry e = byId.remove(id);
            if (e != null) {
                clock[e.slot] = null;
            }
        }

        /** @return a free slot: the first empty one, or that of the first entry not used since the hand passed it */
        private int evict() {
            while (true) {
                int at = hand;
                hand = hand + 1 == clock.length ? 0 : hand + 1;
                Entry e = clock[at];
                if (e == null) {
                    return at;
                }
                if (e.used) {
                    e.used = false;
                } else {
                    byId.remove(e.item.id());
                    clock[at] = null;
                    return at;
                }
            }
        }
    }
}
