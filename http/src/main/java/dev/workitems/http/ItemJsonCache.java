package dev.workitems.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.workitems.WorkItem;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The wire JSON of the items lately answered, by id, so that a page or a get of an unchanged item copies its bytes
 * instead of writing them again (a page of 250 is about 180 KB of JSON, and writing it cost a third as much as reading
 * the page from SQLite). An entry is used only for the same stored state of the item (its version, times, owner and
 * state), so a changed item is always written afresh. Bounded by the size of the JSON it keeps (the items it was
 * written from are kept too, about as large again).
 *
 * <p>The last few pages answered are kept whole too ({@value #PAGES} at most, each at most a {@value #PAGES}th of the
 * bound): a page whose items are the very objects of a kept page, in the same order, is answered with its bytes. Items
 * are immutable and the service answers an unchanged item with the object it remembers, so the same objects are the
 * same JSON; a changed, added or removed item is another object, and the page is put together again from the items'
 * JSON. A list read again and again unchanged (a My Tasks page polled, a client paging through) then costs neither the
 * 250 lookups nor the copy of its 180 KB (a tenth of the server's time of such a request here).
 */
final class ItemJsonCache {
    private static final int PAGES = 16;

    private record Entry(WorkItem item, byte[] json) {}

    /** A page answered: its items, in order, and its JSON. */
    private record Whole(WorkItem[] items, byte[] json) {
        boolean of(List<WorkItem> page) {
            if (items.length != page.size()) {
                return false;
            }
            for (int i = 0; i < items.length; i++) {
                if (items[i] != page.get(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final Cache<String, Entry> cache;
    private final AtomicReferenceArray<Whole> pages = new AtomicReferenceArray<>(PAGES);
    private final long maxPageBytes;

    /** @param maxBytes the most JSON kept, in bytes; 0 to keep none */
    ItemJsonCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
        }
        this.maxPageBytes = maxBytes / PAGES;
        this.cache = maxBytes == 0
                ? null
                : Caffeine.newBuilder()
                        .maximumWeight(maxBytes)
                        .<String, Entry>weigher((id, e) -> e.json.length)
                        // Upkeep on the calling thread: by default Caffeine hands it to the common pool, which on a
                        // small machine wakes another thread for a moment's work and makes it compete with requests.
                        .executor(Runnable::run)
                        .build();
    }

    /** @param w an item @return its {@code WorkItems} JSON, not to be changed by the caller */
    byte[] item(WorkItem w) {
        if (cache == null) {
            return WireJson.item(w);
        }
        Entry e = cache.getIfPresent(w.id());
        if (e != null && (e.item == w || sameVersion(e.item, w))) {
            return e.json;
        }
        byte[] json = WireJson.item(w);
        cache.put(w.id(), new Entry(w, json));
        return json;
    }

    /**
     * Whether two reads of an item are of one stored state. Every change increments the version (the store's rule), so
     * a version names one state of an item; the times and the owner are compared too, so that a store wiped and filled
     * again under the same ids is not taken for the old one. Comparing the whole items instead cost more than a third
     * of writing their JSON.
     */
    private static boolean sameVersion(WorkItem a, WorkItem b) {
        return a.version() == b.version()
                && a.created().equals(b.created())
                && Objects.equals(a.modified(), b.modified())
                && Objects.equals(a.completed(), b.completed())
                && a.ownerId().equals(b.ownerId())
                && a.state() == b.state();
    }

    /** @param items a page @return its JSON array of {@code WorkItems}, whole; null when the cache is off */
    byte[] page(List<WorkItem> items) {
        if (cache == null) {
            return null;
        }
        int slot = items.isEmpty() ? -1 : slot(items);
        Whole kept = slot < 0 ? null : pages.get(slot);
        if (kept != null && kept.of(items)) {
            return kept.json;
        }
        byte[] page = assemble(items);
        if (slot >= 0 && page.length <= maxPageBytes) {
            pages.set(slot, new Whole(items.toArray(new WorkItem[0]), page));
        }
        return page;
    }

    /** The slot of a page: by its length and its first and last items (the same objects, the same slot). */
    private static int slot(List<WorkItem> items) {
        int h = items.size() * 31 + System.identityHashCode(items.get(0));
        h = h * 31 + System.identityHashCode(items.get(items.size() - 1));
        return (h * 0x9E3779B9) >>> (Integer.SIZE - Integer.numberOfTrailingZeros(PAGES));
    }

    private byte[] assemble(List<WorkItem> items) {
        byte[][] parts = new byte[items.size()][];
        int length = 2 + Math.max(0, items.size() - 1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = item(items.get(i));
            length += parts[i].length;
        }
        byte[] page = new byte[length];
        page[0] = '[';
        int at = 1;
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                page[at++] = ',';
            }
            System.arraycopy(parts[i], 0, page, at, parts[i].length);
            at += parts[i].length;
        }
        page[at] = ']';
        return page;
    }
}
