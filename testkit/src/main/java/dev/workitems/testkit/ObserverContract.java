package dev.workitems.testkit;

import static dev.workitems.testkit.Fixture.FRED;
import static dev.workitems.testkit.Fixture.GINGER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.workitems.Caller;
import dev.workitems.ForbiddenException;
import dev.workitems.LifecycleOptions;
import dev.workitems.ListQuery;
import dev.workitems.NotFoundException;
import dev.workitems.WorkItem;
import dev.workitems.WorkItems;
import dev.workitems.spi.OperationObserver;
import dev.workitems.spi.WorkItemRepository;
import dev.workitems.spi.WorkItemWrite;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What an {@link OperationObserver} is told, on a real store: every operation once, started before and ended after with
 * its outcome (the exception the caller gets, or none); each lost race that is retried; each item-cache lookup; and an
 * observer that throws never fails an operation. Extend it and implement {@link #newRepository()}.
 */
public abstract class ObserverContract {

    /** @return a new, empty store; called once per test */
    protected abstract WorkItemRepository newRepository();

    /** @param repository a store made by {@link #newRepository()}, to close after its test */
    protected void release(WorkItemRepository repository) {}

    private final List<WorkItemRepository> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(this::release);
        opened.clear();
    }

    /** Records what it is told, as lines such as {@code approve: ok} or {@code get: NotFoundException}. */
    static final class Recorder implements OperationObserver {
        final List<String> told = Collections.synchronizedList(new ArrayList<>());
        private final ThreadLocal<Integer> depth = ThreadLocal.withInitial(() -> 0);

        @Override
        public Consumer<Throwable> start(String operation) {
            depth.set(depth.get() + 1);
            told.add(operation + ": started at depth " + depth.get());
            return failure -> {
                depth.set(depth.get() - 1);
                told.add(operation + ": "
                        + (failure == null ? "ok" : failure.getClass().getSimpleName()));
            };
        }

        @Override
        public void retried(String operation) {
            told.add(operation + ": retried");
        }

        @Override
        public void cacheLookup(boolean hit) {
            told.add("cache: " + (hit ? "hit" : "miss"));
        }

        /** @return what was told since the last call, then forgets it */
        List<String> take() {
            synchronized (told) {
                List<String> out = List.copyOf(told);
                told.clear();
                return out;
            }
        }
    }

    private Fixture fixture(WorkItemRepository repo, OperationObserver observer, int itemCache) {
        opened.add(repo);
        return new Fixture(
                repo, LifecycleOptions.DEFAULTS, 31, b -> b.observer(observer).itemCache(itemCache));
    }

    @Test
    void eachOperationIsToldOnceBeforeAndAfterWithItsOutcome() {
        Recorder r = new Recorder();
        Fixture fx = fixture(newRepository(), r, 0);
        WorkItems w = fx.service();
        WorkItem item = fx.approval(GINGER, 2);
        assertEquals(List.of("create: started at depth 1", "create: ok"), r.take(), "a create");

        w.get(Caller.of(GINGER), item.id());
        w.approve(Caller.of(GINGER), item.id(), item.approvalItems().get(0).id());
        w.listPending(Caller.of(GINGER), ListQuery.firstPage());
        assertEquals(
                List.of(
                        "get: started at depth 1",
                        "get: ok",
                        "approve: started at depth 1",
                        "approve: ok",
                        "listPending: started at depth 1",
                        "listPending: ok"),
                r.take(),
                "reads and a decision, each once, never nested");

        assertThrows(ForbiddenException.class, () -> w.get(Caller.of(FRED), item.id()));
        assertThrows(NotFoundException.class, () -> w.get(Caller.of(GINGER), "no-such-item"));
        assertThrows(NotFoundException.class, () -> w.approve(Caller.of(GINGER), item.id(), "no-such-approval-item"));
        assertEquals(
                List.of(
                        "get: started at depth 1",
                        "get: ForbiddenException",
                        "get: started at depth 1",
                        "get: NotFoundException",
                        "approve: started at depth 1",
                        "approve: NotFoundException"),
                r.take(),
                "each failure is told with the exception the caller gets");
        w.sweep();
        assertEquals(List.of("sweep: started at depth 1", "sweep: ok"), r.take(), "the host's operations too");
    }

    @Test
    void aLostRaceIsToldAsARetryAndTheOperationStillSucceeds() {
        WorkItemRepository real = newRepository();
        opened.add(real);
        Recorder r = new Recorder();
        Fixture other = new Fixture(real, LifecycleOptions.DEFAULTS, 32, b -> {});
        WorkItem item = other.approval(GINGER, 2);
        boolean[] raced = {false};
        // Just before this service's first write lands, another service changes the same item: a real lost race.
        WorkItemRepository racing = new DelegatingRepository(real) {
            @Override
            public boolean update(WorkItemWrite write) {
                if (!raced[0]) {
                    raced[0] = true;
                    other.service()
                            .approve(
                                    Caller.of(GINGER),
                                    item.id(),
                                    item.approvalItems().get(1).id());
                }
                return super.update(write);
            }
        };
        Fixture fx = new Fixture(
                racing, LifecycleOptions.DEFAULTS, 31, b -> b.observer(r).itemCache(0));
        WorkItem after = fx.service()
                .approve(
                        Caller.of(GINGER),
                        item.id(),
                        item.approvalItems().get(0).id());
        assertEquals(
                2, after.approvalItems().stream().filter(a -> !a.isUndecided()).count(), "both decisions stand");
        assertEquals(
                List.of("approve: started at depth 1", "approve: retried", "approve: ok"),
                r.take(),
                "the lost race is told between start and end");
    }

    @Test
    void itemCacheLookupsAreToldAsHitsAndMisses() {
        WorkItemRepository repo = newRepository();
        Recorder r = new Recorder();
        Fixture fx = fixture(repo, r, 100);
        WorkItem item = fx.approval(GINGER, 3);
        r.take();
        fx.service()
                .approve(
                        Caller.of(GINGER),
                        item.id(),
                        item.approvalItems().get(0).id());
        assertEquals(
                List.of("approve: started at depth 1", "cache: hit", "approve: ok"),
                r.take(),
                "the created item is in the cache");
        Recorder fresh = new Recorder();
        Fixture cold = new Fixture(
                repo, LifecycleOptions.DEFAULTS, 33, b -> b.observer(fresh).itemCache(100));
        cold.service()
                .approve(
                        Caller.of(GINGER),
                        item.id(),
                        item.approvalItems().get(1).id());
        assertEquals(
                List.of("approve: started at depth 1", "cache: miss", "approve: ok"),
                fresh.take(),
                "a service that never saw the item misses");
    }

    @Test
    void anObserverThatThrowsNeverFailsAnOperation() {
        OperationObserver broken = new OperationObserver() {
            @Override
            public Consumer<Throwable> start(String operation) {
                if (operation.equals("get")) {
                    throw new IllegalStateException("the observer fails at the start");
                }
                return failure -> {
                    throw new IllegalStateException("the observer fails at the end");
                };
            }

            @Override
            public void cacheLookup(boolean hit) {
                throw new IllegalStateException("the observer fails on the cache");
            }
        };
        Fixture fx = fixture(newRepository(), broken, 100);
        WorkItem item = fx.approval(GINGER, 1);
        assertEquals(item.id(), fx.service().get(Caller.of(GINGER), item.id()).id(), "get despite a failing start");
        WorkItem approved = fx.service()
                .approve(
                        Caller.of(GINGER),
                        item.id(),
                        item.approvalItems().get(0).id());
        assertEquals(
                0,
                approved.approvalItems().stream().filter(a -> a.isUndecided()).count(),
                "approved");
        assertThrows(
                NotFoundException.class,
                () -> fx.service().get(Caller.of(GINGER), "no-such-item"),
                "and the operation's own failure reaches the caller unchanged");
    }
}
