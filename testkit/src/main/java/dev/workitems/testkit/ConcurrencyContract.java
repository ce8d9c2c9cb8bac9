package dev.workitems.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workitems.ApprovalItem;
import dev.workitems.Caller;
import dev.workitems.ConflictException;
import dev.workitems.ForwardRequest;
import dev.workitems.HistoryAction;
import dev.workitems.HistoryEvent;
import dev.workitems.InvalidRequestException;
import dev.workitems.ListQuery;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemState;
import dev.workitems.WorkItemSummary;
import dev.workitems.WorkItems;
import dev.workitems.spi.WorkItemRepository;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Many threads decide, complete and forward the same few items at once. Afterwards no successful call's effect is
 * missing (no lost update), the history holds exactly one event per change, and counts agree with lists.
 */
public abstract class ConcurrencyContract {

    /** @return a new, empty store */
    protected abstract WorkItemRepository newRepository();

    /** @param repository a store made by {@link #newRepository()}, to close after its test */
    protected void release(WorkItemRepository repository) {}

    /** @return how many threads hammer the items (default 8) */
    protected int threads() {
        return 8;
    }

    /** @return how many operations each thread performs (default 300) */
    protected int operationsPerThread() {
        return 300;
    }

    private record Decision(String item, String approval, boolean approve) {}

    @Test
    public void concurrentWritersNeverLoseAnUpdate(TestReporter reporter) throws Exception {
        WorkItemRepository repo = newRepository();
        try {
            AtomicInteger staleWrites = new AtomicInteger();
            Fixture fx = new Fixture(new DelegatingRepository(repo) {
                @Override
                public boolean update(dev.workitems.spi.WorkItemWrite write) {
                    boolean applied = super.update(write);
                    if (!applied) {
                        staleWrites.incrementAndGet();
                    }
                    return applied;
                }
            });
            WorkItems svc = fx.service();
            List<WorkItem> items = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                items.add(fx.approval(Fixture.FRED, 8));
            }
            List<String> owners = List.of(Fixture.FRED, Fixture.GINGER, Fixture.CYD);
            Caller admin = Fixture.admin();
            Set<Decision> succeeded = ConcurrentHashMap.newKeySet();
            Map<String, AtomicInteger> forwards = new ConcurrentHashMap<>();
            Set<String> completed = ConcurrentHashMap.newKeySet();
            AtomicInteger stateConflicts = new AtomicInteger();
            AtomicInteger lostRaces = new AtomicInteger();
            AtomicInteger sameOwner = new AtomicInteger();
            items.forEach(w -> forwards.put(w.id(), new AtomicInteger()));

            ExecutorService pool = Executors.newFixedThreadPool(threads());
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads(); t++) {
                long seed = 1000 + t;
                done.add(pool.submit(() -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    start.await();
                    for (int n = 0; n < operationsPerThread(); n++) {
                        WorkItem w = items.get(r.nextInt(items.size()));
                        try {
                            int roll = r.nextInt(100);
                            if (roll < 70) {
                                ApprovalItem a = w.approvalItems()
                                        .get(r.nextInt(w.approvalItems().size()));
                                boolean approve = r.nextBoolean();
                                if (approve) {
                                    svc.approve(admin, w.id(), a.id());
                                } else {
                                    svc.reject(admin, w.id(), a.id());
                                }
                                succeeded.add(new Decision(w.id(), a.id(), approve));
                            } else if (roll < 97 || n < operationsPerThread() * 9 / 10) {
                                svc.forward(
                                        admin,
                                        w.id(),
                                        new ForwardRequest(owners.get(r.nextInt(owners.size())), "t" + seed, false));
                                forwards.get(w.id()).incrementAndGet();
                            } else {
                                svc.complete(admin, w.id());
                                completed.add(w.id());
                            }
                        } catch (ConflictException e) {
                            (e.isLostRace() ? lostRaces : stateConflicts).incrementAndGet();
                        } catch (InvalidRequestException e) {
                            sameOwner.incrementAndGet(); // forward to the current owner
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();

            for (WorkItem before : items) {
                WorkItem w = svc.get(admin, before.id());
                List<HistoryEvent> h = svc.history(admin, w.id());
                for (ApprovalItem a : w.approvalItems()) {
                    boolean approved = succeeded.contains(new Decision(w.id(), a.id(), true));
                    boolean rejected = succeeded.contains(new Decision(w.id(), a.id(), false));
                    assertTrue(
                            !(approved && rejected),
                            "both an approve and a reject of " + a.id() + " succeeded: one was lost");
                    WorkItemState expected = approved
                            ? WorkItemState.FINISHED
                            : rejected ? WorkItemState.REJECTED : WorkItemState.PENDING;
                    assertEquals(expected, a.state(), "approval item " + a.id());
                    long decisions = h.stream()
                            .filter(e -> a.id().equals(e.data().get("approvalItemId")))
                            .count();
                    assertEquals(expected == WorkItemState.PENDING ? 0 : 1, decisions, "decision events of " + a.id());
                }
                List<HistoryEvent> fwd = h.stream()
                        .filter(e -> e.action() == HistoryAction.FORWARDED)
                        .toList();
                assertEquals(
                        forwards.get(w.id()).get(),
                        fwd.size(),
                        "every successful forward of " + w.id() + " is in its history");
                String lastOwner = fwd.isEmpty()
                        ? Fixture.FRED
                        : (String) fwd.get(fwd.size() - 1).data().get("newOwnerId");
                assertEquals(lastOwner, w.ownerId(), "the owner is the last forward's target");
                assertEquals(
                        completed.contains(w.id()) ? WorkItemState.FINISHED : WorkItemState.PENDING,
                        w.state(),
                        "item " + w.id() + " is Finished exactly when a complete of it succeeded");
                assertEquals(
                        h.stream().map(HistoryEvent::itemVersion).distinct().count(),
                        w.version(),
                        "one version per stored change of " + w.id());
            }
            Set<String> seen = new HashSet<>();
            for (String owner : owners) {
                List<WorkItem> pending = svc.listPending(
                                admin, ListQuery.firstPage().forOwner(owner))
                        .items();
                List<WorkItem> finished = svc.listCompleted(
                                admin, ListQuery.firstPage().forOwner(owner))
                        .items();
                assertEquals(
                        WorkItemSummary.of(pending.size(), finished.size()),
                        svc.summary(admin, owner),
                        "the summary of " + owner + " equals its lists");
                pending.forEach(w -> assertTrue(seen.add(w.id()), "item " + w.id() + " is in one list only"));
                finished.forEach(w -> assertTrue(seen.add(w.id()), "item " + w.id() + " is in one list only"));
            }
            assertEquals(items.size(), seen.size(), "every item is in exactly one list");
            String line = String.format(
                    "concurrency: %d threads x %d ops, %d decisions, %d forwards, %d state conflicts, "
                            + "%d forwards to the current owner, %d stale writes retried, %d lost-race conflicts",
                    threads(),
                    operationsPerThread(),
                    succeeded.size(),
                    forwards.values().stream().mapToInt(AtomicInteger::get).sum(),
                    stateConflicts.get(),
                    sameOwner.get(),
                    staleWrites.get(),
                    lostRaces.get());
            System.out.println(getClass().getSimpleName() + " " + line);
            reporter.publishEntry("concurrency", line);
            assertEquals(0, lostRaces.get(), "the service retries lost races instead of giving up");
        } finally {
            release(repo);
        }
    }
}
