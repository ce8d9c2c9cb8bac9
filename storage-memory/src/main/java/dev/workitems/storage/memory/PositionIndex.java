package dev.workitems.storage.memory;

import dev.workitems.ListPosition;
import dev.workitems.WorkItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One owner's pending or completed items in the contract's order (created ascending, then id, D2), in sorted chunks of
 * at most {@value #MAX} entries. Not thread-safe: the repository's lock guards it.
 *
 * <p>Why not a {@code TreeMap<ListPosition, WorkItem>}, as before: each step down a red-black tree reads a node, its
 * key and the key's {@code Instant}, three objects anywhere in the heap. With a million items the trees no longer fit
 * in the CPU's caches: in a profile of completions on a million items, moving the item from one tree to the other took
 * 68% of the time, most of it in {@code TreeMap.deleteEntry}, {@code getEntry} and {@code put} themselves, waiting on
 * memory. Here a key is found by a binary search over the chunks' first keys and then over one chunk's, both in arrays
 * of primitives (the created second and nanosecond), so a step reads a cache line that is often already there; ids are
 * compared only between equal times. A page copies from consecutive array slots, and an offset skips whole chunks by
 * their sizes instead of counting off items one by one (a page at offset 20,000 went from 3,100 to over 500,000 a
 * second).
 *
 * <p>Chunks split in two when full. A chunk that a removal leaves below a quarter full merges with a neighbour that has
 * room for it, so no two neighbouring chunks are both under a quarter full: there are at most about one chunk per eight
 * items, and a search stays logarithmic.
 */
final class PositionIndex {
    static final int MAX = 64;
    private static final int MIN = MAX / 4;

    /** One sorted run of entries, in arrays that grow up to {@value #MAX} (an owner with few items keeps few slots). */
    private static final class Chunk {
        long[] seconds;
        int[] nanos;
        String[] ids;
        WorkItem[] items;
        int n;

        Chunk(int capacity) {
            seconds = new long[capacity];
            nanos = new int[capacity];
            ids = new String[capacity];
            items = new WorkItem[capacity];
        }

        void ensure(int needed) {
            if (needed > seconds.length) {
                int capacity = Math.min(MAX, Math.max(needed, seconds.length * 2));
                seconds = Arrays.copyOf(seconds, capacity);
                nanos = Arrays.copyOf(nanos, capacity);
                ids = Arrays.copyOf(ids, capacity);
                items = Arrays.copyOf(items, capacity);
            }
        }

        /** @return the index of the key, or {@code -(insertion point) - 1} */
        int find(long s, int ns, String id) {
            int lo = 0;
            int hi = n - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int c = compare(seconds[mid], nanos[mid], ids[mid], s, ns, id);
                if (c < 0) {
                    lo = mid + 1;
                } else if (c > 0) {
                    hi = mid - 1;
                } else {
                    return mid;
                }
            }
            return -lo - 1;
        }

        void insert(int at, long s, int ns, String id, WorkItem item) {
            ensure(n + 1);
            int tail = n - at;
            System.arraycopy(seconds, at, seconds, at + 1, tail);
            System.arraycopy(nanos, at, nanos, at + 1, tail);
            System.arraycopy(ids, at, ids, at + 1, tail);
            System.arraycopy(items, at, items, at + 1, tail);
            seconds[at] = s;
            nanos[at] = ns;
            ids[at] = id;
            items[at] = item;
            n++;
        }

        void delete(int at) {
            int tail = n - at - 1;
            System.arraycopy(seconds, at + 1, seconds, at, tail);
            System.arraycopy(nanos, at + 1, nanos, at, tail);
            System.arraycopy(ids, at + 1, ids, at, tail);
            System.arraycopy(items, at + 1, items, at, tail);
            n--;
            ids[n] = null;
            items[n] = null;
        }

        /** Moves entries {@code from..n-1} to the end of {@code to}. */
        void moveTail(int from, Chunk to) {
            int count = n - from;
            to.ensure(to.n + count);
            System.arraycopy(seconds, from, to.seconds, to.n, count);
            System.arraycopy(nanos, from, to.nanos, to.n, count);
            System.arraycopy(ids, from, to.ids, to.n, count);
            System.arraycopy(items, from, to.items, to.n, count);
            to.n += count;
            Arrays.fill(ids, from, n, null);
            Arrays.fill(items, from, n, null);
            n = from;
        }
    }

    private Chunk[] chunks = new Chunk[0];
    /** The first key of each chunk, beside {@link #chunks}, so that finding a chunk reads these arrays only. */
    private long[] firstSeconds = new long[0];

    private int[] firstNanos = new int[0];
    private int count;
    private int size;

    private static int compare(long s1, int n1, String id1, long s2, int n2, String id2) {
        if (s1 != s2) {
            return s1 < s2 ? -1 : 1;
        }
        if (n1 != n2) {
            return n1 < n2 ? -1 : 1;
        }
        return id1.compareTo(id2);
    }

    /** @return the number of items */
    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** @return the chunk that holds the key or would take it: the last whose first key is not above it, else 0 */
    private int chunkFor(long s, int ns, String id) {
        int lo = 0;
        int hi = count - 1;
        int found = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compare(firstSeconds[mid], firstNanos[mid], chunks[mid].ids[0], s, ns, id);
            if (c <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** Adds an item at its place, or replaces the item of the same created time and id. */
    void put(WorkItem item) {
        Instant created = item.created();
        long s = created.getEpochSecond();
        int ns = created.getNano();
        String id = item.id();
        if (count == 0) {
            Chunk c = new Chunk(4);
            c.insert(0, s, ns, id, item);
            insertChunk(0, c);
            size = 1;
            return;
        }
        int ci = chunkFor(s, ns, id);
        Chunk c = chunks[ci];
        int at = c.find(s, ns, id);
        if (at >= 0) {
            c.items[at] = item;
            return;
        }
        at = -at - 1;
        if (c.n == MAX) {
            Chunk right = new Chunk(MAX);
            c.moveTail(MAX / 2, right);
            insertChunk(ci + 1, right);
            if (at > MAX / 2) {
                ci++;
                c = right;
                at -= MAX / 2;
            }
        }
        c.insert(at, s, ns, id, item);
        if (at == 0) {
            firstSeconds[ci] = s;
            firstNanos[ci] = ns;
        }
        size++;
    }

    /** Removes the entry of this position (the position of an item, {@link ListPosition#after}), if there is one. */
    void remove(ListPosition p) {
        if (count == 0) {
            return;
        }
        long s = p.created().getEpochSecond();
        int ns = p.created().getNano();
        int ci = chunkFor(s, ns, p.id());
        Chunk c = chunks[ci];
        int at = c.find(s, ns, p.id());
        if (at < 0) {
            return;
        }
        c.delete(at);
        size--;
        if (c.n == 0) {
            deleteChunk(ci);
            return;
        }
        if (at == 0) {
            firstSeconds[ci] = c.seconds[0];
            firstNanos[ci] = c.nanos[0];
        }
        if (c.n < MIN) {
            if (ci + 1 < count && c.n + chunks[ci + 1].n <= MAX) {
                chunks[ci + 1].moveTail(0, c);
                deleteChunk(ci + 1);
            } else if (ci > 0 && chunks[ci - 1].n + c.n <= MAX) {
                c.moveTail(0, chunks[ci - 1]);
                deleteChunk(ci);
            }
        }
    }

    /**
     * @param after read only the items after this position; null to read from the first
     * @param offset how many of those to pass over
     * @param limit the most items to read
     * @return the items, in order
     */
    List<WorkItem> page(ListPosition after, int offset, int limit) {
        int ci = 0;
        int at = 0;
        if (after != null) {
            if (count == 0) {
                return List.of();
            }
            long s = after.created().getEpochSecond();
            int ns = after.created().getNano();
            ci = chunkFor(s, ns, after.id());
            at = chunks[ci].find(s, ns, after.id());
            at = at >= 0 ? at + 1 : -at - 1;
        }
        // Pass over the offset: first within the starting chunk, then whole chunks by their sizes.
        long skip = (long) at + offset;
        while (ci < count && skip >= chunks[ci].n) {
            skip -= chunks[ci].n;
            ci++;
        }
        if (ci == count || limit == 0) {
            return List.of();
        }
        List<WorkItem> page = new ArrayList<>(Math.min(limit, 256));
        at = (int) skip;
        for (; ci < count && page.size() < limit; ci++, at = 0) {
            Chunk c = chunks[ci];
            int end = (int) Math.min(c.n, (long) at + limit - page.size());
            for (int i = at; i < end; i++) {
                page.add(c.items[i]);
            }
        }
        return page;
    }

    private void insertChunk(int at, Chunk c) {
        if (count == chunks.length) {
            int capacity = Math.max(4, count * 2);
            chunks = Arrays.copyOf(chunks, capacity);
            firstSeconds = Arrays.copyOf(firstSeconds, capacity);
            firstNanos = Arrays.copyOf(firstNanos, capacity);
        }
        int tail = count - at;
        System.arraycopy(chunks, at, chunks, at + 1, tail);
        System.arraycopy(firstSeconds, at, firstSeconds, at + 1, tail);
        System.arraycopy(firstNanos, at, firstNanos, at + 1, tail);
        chunks[at] = c;
        firstSeconds[at] = c.seconds[0];
        firstNanos[at] = c.nanos[0];
        count++;
    }

    private void deleteChunk(int at) {
        int tail = count - at - 1;
        System.arraycopy(chunks, at + 1, chunks, at, tail);
        System.arraycopy(firstSeconds, at + 1, firstSeconds, at, tail);
        System.arraycopy(firstNanos, at + 1, firstNanos, at, tail);
        count--;
        chunks[count] = null;
    }
}
