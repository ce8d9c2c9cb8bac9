package dev.workitems.storage.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workitems.ListPosition;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemState;
import dev.workitems.WorkItemType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link PositionIndex} against a {@code TreeMap} in the contract's order, over seeded random runs of insertions,
 * replacements, removals and pages (by offset and by position), with many items sharing a created time (the ids then
 * decide the order) and enough of them to split and merge chunks many times over.
 */
class PositionIndexTest {
    private static final Instant BASE = Instant.parse("2026-12-06T12:00:00Z");

    private static WorkItem item(String id, Instant created, long version) {
        return WorkItem.builder()
                .id(id)
                .ownerId("owner")
                .ownerName("Owner")
                .description("d")
                .created(created)
                .state(WorkItemState.PENDING)
                .type(WorkItemType.GENERIC)
                .name("n")
                .version(version)
                .build();
    }

    @Test
    void matchesASortedMapOverRandomRuns() {
        for (long seed = 1; seed <= 40; seed++) {
            run(seed, seed % 4 == 0 ? 5_000 : 800);
        }
    }

    private static void run(long seed, int steps) {
        Random r = new Random(seed);
        PositionIndex index = new PositionIndex();
        TreeMap<ListPosition, WorkItem> model = new TreeMap<>();
        List<WorkItem> known = new ArrayList<>();
        // Few distinct times (items keep whole milliseconds), so that ties on the time are common and ids decide.
        int times = 1 + r.nextInt(50);
        for (int step = 0; step < steps; step++) {
            int op = r.nextInt(10);
            String at = "seed " + seed + " step " + step;
            if (op < 5 || known.isEmpty()) {
                Instant created = BASE.plusSeconds(r.nextInt(times)).plusMillis(r.nextBoolean() ? 0 : r.nextInt(3));
                WorkItem w = item(String.format("id-%05d", r.nextInt(100_000)), created, 1);
                index.put(w);
                model.put(ListPosition.after(w), w);
                known.add(w);
            } else if (op < 6) {
                WorkItem old = known.get(r.nextInt(known.size()));
                WorkItem next = old.toBuilder().version(old.version() + 1).build();
                if (model.containsKey(ListPosition.after(old))) {
                    index.put(next);
                    model.put(ListPosition.after(next), next);
                    known.add(next);
                }
            } else if (op < 9) {
                WorkItem w = known.remove(r.nextInt(known.size()));
                index.remove(ListPosition.after(w));
                model.remove(ListPosition.after(w));
            } else {
                checkPages(r, index, model, at);
            }
            assertEquals(model.size(), index.size(), at);
        }
        // Drain it whole, checking as it empties (merges down to nothing).
        while (!model.isEmpty()) {
            ListPosition p = new ArrayList<>(model.keySet()).get(r.nextInt(model.size()));
            index.remove(p);
            model.remove(p);
            assertEquals(model.size(), index.size());
            if (model.size() % 97 == 0) {
                checkPages(r, index, model, "draining, seed " + seed);
            }
        }
        assertTrue(index.isEmpty());
        assertEquals(List.of(), index.page(null, 0, 10));
    }

    private static void checkPages(Random r, PositionIndex index, TreeMap<ListPosition, WorkItem> model, String at) {
        List<WorkItem> all = List.copyOf(model.values());
        assertItems(all, index.page(null, 0, Integer.MAX_VALUE), at + ": the whole list");
        int from = r.nextInt(model.size() + 1);
        assertItems(
                all.subList(Math.min(from, all.size()), all.size()),
                index.page(null, from, Integer.MAX_VALUE),
                at + ": all from offset " + from);
        for (int k = 0; k < 5; k++) {
            int offset = r.nextInt(model.size() + 3);
            int limit = r.nextInt(300);
            assertItems(
                    all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + limit)),
                    index.page(null, offset, limit),
                    at + ": offset " + offset + " limit " + limit);
            ListPosition after = model.isEmpty() || r.nextInt(4) == 0
                    ? new ListPosition(
                            BASE.plusSeconds(r.nextInt(60) - 5).plusNanos(r.nextInt(3) * 999_999),
                            "id-" + r.nextInt(100_000))
                    : new ArrayList<>(model.keySet()).get(r.nextInt(model.size()));
            NavigableMap<ListPosition, WorkItem> tail = model.tailMap(after, false);
            List<WorkItem> rest = List.copyOf(tail.values());
            int skip = r.nextInt(3) == 0 ? r.nextInt(rest.size() + 2) : 0;
            assertItems(
                    rest.subList(Math.min(skip, rest.size()), Math.min(rest.size(), skip + limit)),
                    index.page(after, skip, limit),
                    at + ": after " + after + " offset " + skip + " limit " + limit);
        }
    }

    private static void assertItems(List<WorkItem> expected, List<WorkItem> actual, String at) {
        assertEquals(expected.size(), actual.size(), at);
        for (int i = 0; i < expected.size(); i++) {
            assertSame(expected.get(i), actual.get(i), at + ", item " + i);
        }
    }

    @Test
    void pagesAroundASingleItem() {
        PositionIndex index = new PositionIndex();
        assertEquals(List.of(), index.page(new ListPosition(BASE, "a"), 0, 250));
        WorkItem w = item("a", BASE, 1);
        index.put(w);
        assertEquals(List.of(w), index.page(null, 0, 250));
        assertEquals(List.of(), index.page(ListPosition.after(w), 0, 250));
        assertEquals(List.of(), index.page(null, 1, 250));
        assertEquals(List.of(w), index.page(new ListPosition(BASE.minusNanos(1), "z"), 0, 250));
        assertEquals(List.of(), index.page(null, 0, 0));
        index.remove(new ListPosition(BASE, "b"));
        assertEquals(1, index.size(), "removing a position not held changes nothing");
    }
}
