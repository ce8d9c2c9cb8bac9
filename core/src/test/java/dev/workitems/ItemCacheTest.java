package dev.workitems;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.workitems.spi.KnownItems;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The service's cache of committed items: what it recalls for a store, and what it keeps when full. */
class ItemCacheTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00.123Z");

    private static WorkItem item(String id, long version, Instant modified) {
        return WorkItem.builder()
                .id(id)
                .ownerId("o")
                .ownerName("O")
                .created(T)
                .modified(modified)
                .description("d")
                .version(version)
                .build();
    }

    @Test
    void recallsOnlyTheExactVersionAndTimes() {
        ItemCache cache = new ItemCache(64);
        WorkItem never = item("a", 1, null);
        WorkItem changed = item("b", 3, T.plusSeconds(5));
        cache.put(never);
        cache.put(changed);
        long created = T.toEpochMilli();
        long modified = T.plusSeconds(5).toEpochMilli();
        assertSame(never, cache.recall("a", 1, created, KnownItems.NEVER_MODIFIED));
        assertSame(never, cache.recall("a", 1));
        assertNull(cache.recall("a", 2, created, KnownItems.NEVER_MODIFIED), "another version");
        assertNull(cache.recall("a", 1, created + 1, KnownItems.NEVER_MODIFIED), "another creation time");
        assertNull(cache.recall("a", 1, created, created), "modified, where the item never was");
        assertSame(changed, cache.recall("b", 3, created, modified));
        assertNull(cache.recall("b", 3, created, KnownItems.NEVER_MODIFIED), "never modified, where the item was");
        assertNull(cache.recall("b", 3, created, modified + 1), "another modification time");
        assertNull(cache.recall("c", 1, created, KnownItems.NEVER_MODIFIED), "unknown");
        // the store's default comparison (through the item) agrees with the cache's own (through its entry)
        KnownItems byItem = cache::recall;
        assertSame(changed, byItem.recall("b", 3, created, modified));
        assertNull(byItem.recall("b", 3, created, modified + 1));
        assertNull(byItem.recall("a", 1, created, created));
    }

    @Test
    void keepsTheLaterVersionAndForgetsOnRemove() {
        ItemCache cache = new ItemCache(64);
        WorkItem v2 = item("a", 2, T.plusSeconds(2));
        cache.put(v2);
        cache.put(item("a", 1, T.plusSeconds(1)));
        assertSame(v2, cache.get("a"), "an older version read late does not replace the newer one");
        WorkItem v3 = item("a", 3, T.plusSeconds(3));
        cache.put(v3);
        assertSame(v3, cache.get("a"));
        assertSame(v3, cache.recall("a", 3, T.toEpochMilli(), T.plusSeconds(3).toEpochMilli()));
        cache.remove("a");
        assertNull(cache.get("a"));
    }

    @Test
    void isBoundedAndKeepsWhatIsUsed() {
        int capacity = 64;
        ItemCache cache = new ItemCache(capacity);
        WorkItem used = item("used", 1, null);
        WorkItem idle = item("idle", 1, null);
        cache.put(used);
        cache.put(idle);
        for (int i = 0; i < 50 * capacity; i++) {
            cache.put(item("other-" + i, 1, null));
            assertSame(used, cache.get("used"), "an item used between every insertion stays, after " + i);
        }
        assertNull(cache.get("idle"), "an item never used again goes");
        int kept = 0;
        for (int i = 0; i < 50 * capacity; i++) {
            kept += cache.get("other-" + i) == null ? 0 : 1;
        }
        if (kept > capacity) {
            throw new AssertionError("kept " + kept + " items, more than the capacity of " + capacity);
        }
        if (kept < capacity / 2) {
            throw new AssertionError("kept only " + kept + " of the last items, for a capacity of " + capacity);
        }
    }
}
