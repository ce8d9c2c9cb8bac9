package dev.workitems;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The items this service last saw committed, by id. A write that starts from a cached item is decided on it and stored
 * with a version check, so it applies only if the cached item is still the stored one; otherwise the service reads the
 * item and decides again. A read still asks the store, which may answer a row with the cached item of the same id and
 * version instead of decoding it ({@link #recall}): the store has the row, so the answer is always the stored state.
 * Bounded (least recently used entries go first) and thread-safe: the ids are split over independently locked segments.
 */
final class ItemCache {
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
            return s.get(id);
        }
    }

    /** @return the item last seen under this id if it has this version, or null */
    WorkItem recall(String id, long version) {
        WorkItem known = get(id);
        return known != null && known.version() == version ? known : null;
    }

    /** Remembers an item unless a later version of it is already known. */
    void put(WorkItem item) {
        Segment s = segment(item.id());
        synchronized (s) {
            WorkItem known = s.get(item.id());
            if (known == item) {
                return; // recalled by the store: the lookup has already made it the most recently used
            }
            if (known == null || known.version() <= item.version()) {
                s.put(item.id(), item);
            }
        }
    }

    /** Forgets an item (its cached version turned out not to be the stored one, or a write failed). */
    void remove(String id) {
        Segment s = segment(id);
        synchronized (s) {
            s.remove(id);
        }
    }

    private static final class Segment extends LinkedHashMap<String, WorkItem> {
        private static final long serialVersionUID = 1L;
        private final int capacity;

        Segment(int capacity) {
            super(16, 0.75f, true);
            this.capacity = capacity;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, WorkItem> eldest) {
            return size() > capacity;
        }
    }
}
