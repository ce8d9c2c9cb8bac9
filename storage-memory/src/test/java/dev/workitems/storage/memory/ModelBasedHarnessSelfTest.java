package dev.workitems.storage.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workitems.FeedEvent;
import dev.workitems.HistoryAction;
import dev.workitems.WorkItem;
import dev.workitems.spi.DueQuery;
import dev.workitems.spi.FeedQuery;
import dev.workitems.spi.ListKind;
import dev.workitems.spi.OwnerCounts;
import dev.workitems.spi.PageQuery;
import dev.workitems.spi.WorkItemRepository;
import dev.workitems.spi.WorkItemWrite;
import dev.workitems.testkit.DelegatingRepository;
import dev.workitems.testkit.ModelBasedHarness;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The harness must catch a broken store and shrink the failure to a handful of steps. Each broken store below has one
 * bug of the kind real stores have.
 */
class ModelBasedHarnessSelfTest {

    /** Off by one: every page after the first skips an item. */
    static final class SkippingPages extends DelegatingRepository {
        SkippingPages() {
            super(new InMemoryWorkItemRepository());
        }

        @Override
        public List<WorkItem> findPage(PageQuery q) {
            return super.findPage(
                    q.offset() == 0 ? q : new PageQuery(q.ownerId(), q.kind(), q.offset() + 1, q.limit()));
        }
    }

    /** Loses the history of forwards. */
    static final class ForgetfulHistory extends DelegatingRepository {
        ForgetfulHistory() {
            super(new InMemoryWorkItemRepository());
        }

        @Override
        public boolean update(WorkItemWrite w) {
            return super.update(new WorkItemWrite(
                    w.item(),
                    w.events().stream()
                            .filter(e -> e.action() != HistoryAction.FORWARDED)
                            .toList()));
        }
    }

    /**
     * Lets a reader pass an event: a forward's event is not readable until the next change, whose event is, as with a
     * store that pages by a sequence number taken before commit. A reader that moved on has skipped the forward.
     */
    static final class FeedThatSkipsBehindTheReader extends DelegatingRepository {
        FeedThatSkipsBehindTheReader() {
            super(new InMemoryWorkItemRepository());
        }

        private final java.util.Set<Long> hidden = ConcurrentHashMap.newKeySet();

        @Override
        public boolean update(WorkItemWrite w) {
            boolean ok = super.update(w);
            hidden.clear();
            if (ok && w.events().stream().anyMatch(e -> e.action() == HistoryAction.FORWARDED)) {
                List<FeedEvent> all = super.feed(new FeedQuery(0, FeedQuery.MAX_LIMIT));
                hidden.add(all.get(all.size() - 1).position()); // committed, but not readable until the next change
            }
            return ok;
        }

        @Override
        public List<FeedEvent> feed(FeedQuery query) {
            return super.feed(query).stream()
                    .filter(e -> !hidden.contains(e.position()))
                    .toList();
        }
    }

    /** Keeps its own per-owner counters, and forgets to move them when an item changes owner. */
    static final class StaleCounters extends DelegatingRepository {
        private final Map<String, long[]> counters = new ConcurrentHashMap<>();

        StaleCounters() {
            super(new InMemoryWorkItemRepository());
        }

        @Override
        public boolean insert(WorkItemWrite w) {
            boolean ok = super.insert(w);
            if (ok) {
                counters.computeIfAbsent(w.item().ownerId(), k -> new long[2])[0]++;
            }
            return ok;
        }

        @Override
        public boolean update(WorkItemWrite w) {
            WorkItem before = findById(w.item().id()).orElseThrow();
            boolean ok = super.update(w);
            if (ok && ListKind.of(before.state()) != ListKind.of(w.item().state())) {
                long[] c = counters.computeIfAbsent(before.ownerId(), k -> new long[2]);
                c[0]--;
                c[1]++;
            }
            return ok;
        }

        @Override
        public OwnerCounts counts(String ownerId) {
            long[] c = counters.getOrDefault(ownerId, new long[2]);
            return new OwnerCounts(c[0], c[1]);
        }
    }

    /** Reads only the first batch of due items: the position of the next batch is ignored and nothing comes back. */
    static final class DueIndexWithoutPaging extends DelegatingRepository {
        DueIndexWithoutPaging() {
            super(new InMemoryWorkItemRepository());
        }

        @Override
        public List<WorkItem> findDue(DueQuery q) {
            return q.afterDue() == null ? super.findDue(q) : List.of();
        }
    }

    private static ModelBasedHarness.Failure catches(Supplier<WorkItemRepository> broken, int maxShrunkSteps) {
        ModelBasedHarness.Result result = ModelBasedHarness.run(20261129L, 300, 40, null, broken, r -> {});
        ModelBasedHarness.Failure f = result.failure();
        assertNotNull(f, "the harness must catch the broken store");
        System.out.println(
                "[harness self-test: this failure is the expected catch] " + result.summary() + "\n" + f.report());
        assertTrue(f.steps().size() <= maxShrunkSteps, "shrunk to " + f.steps().size() + " steps:\n" + f.report());
        assertTrue(f.steps().size() <= f.originalSize());
        assertTrue(
                f.message().startsWith("step ") && f.message().contains(" -> "),
                "the failure names the step in words and what the store said: " + f.message());
        assertTrue(
                f.steps().stream().allMatch(s -> s.startsWith("caller ") || s.startsWith("the ")),
                "every step is in words: " + f.steps());
        assertNotNull(
                ModelBasedHarness.replay(f, broken, r -> {}), "the shrunk sequence still fails on the broken store");
        assertNull(
                ModelBasedHarness.replay(f, InMemoryWorkItemRepository::new, r -> {}),
                "and passes on a correct store: the bug is the store's, not the harness's");
        return f;
    }

    @Test
    void aStoreThatSkipsItemsWhenPagingIsCaughtAndShrunk() {
        ModelBasedHarness.Failure f = catches(SkippingPages::new, 3);
        assertTrue(f.message().contains("list"), f.message());
    }

    @Test
    void aStoreThatLosesForwardHistoryIsCaughtAndShrunk() {
        // A step names an item by its index among those created, so the shrinker cannot always drop the creation of
        // an earlier item: four steps at most here (two creations, the forward's item, the forward).
        ModelBasedHarness.Failure f = catches(ForgetfulHistory::new, 4);
        assertTrue(f.message().contains("history"), f.message());
    }

    @Test
    void aFeedThatLetsAReaderPassAnEventIsCaughtAndShrunk() {
        ModelBasedHarness.Failure f = catches(FeedThatSkipsBehindTheReader::new, 4);
        assertTrue(f.message().contains("feed"), f.message());
    }

    @Test
    void aStoreWhoseCountersIgnoreOwnerChangesIsCaughtAndShrunk() {
        ModelBasedHarness.Failure f = catches(StaleCounters::new, 3);
        assertTrue(
                f.message().contains("count")
                        || f.message().contains("summary")
                        || f.message().contains("Total"),
                f.message());
    }

    @Test
    void aStoreWhoseDueIndexReadsOnlyTheFirstBatchIsCaughtAndShrunk() {
        ModelBasedHarness.Failure f = catches(DueIndexWithoutPaging::new, 8);
        assertTrue(f.message().contains("sweep"), f.message());
    }

    @Test
    void aFixedSeedReproducesTheSameRun() {
        ModelBasedHarness.Result a = ModelBasedHarness.run(7L, 20, 30, null, InMemoryWorkItemRepository::new, r -> {});
        ModelBasedHarness.Result b = ModelBasedHarness.run(7L, 20, 30, null, InMemoryWorkItemRepository::new, r -> {});
        assertEquals(a, b);
        assertNull(a.failure());
    }
}
