package dev.workitems.storage.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workitems.HistoryAction;
import dev.workitems.LifecycleOptions;
import dev.workitems.NewWorkItem;
import dev.workitems.TimerRunner;
import dev.workitems.Timers;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemState;
import dev.workitems.spi.DueQuery;
import dev.workitems.testkit.DelegatingRepository;
import dev.workitems.testkit.Fixture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The built-in runner sweeps on its own thread until closed, and survives a failing sweep. */
class TimerRunnerTest {

    @Test
    void theRunnerAppliesWhatFallsDueAndStopsWhenClosed() throws Exception {
        CountDownLatch expired = new CountDownLatch(1);
        CountDownLatch failed = new CountDownLatch(1);
        AtomicBoolean storeDown = new AtomicBoolean(true);
        DelegatingRepository repo = new DelegatingRepository(new InMemoryWorkItemRepository()) {
            @Override
            public List<WorkItem> findDue(DueQuery query) {
                if (storeDown.get()) {
                    failed.countDown();
                    throw new IllegalStateException("database unreachable");
                }
                return super.findDue(query);
            }
        };
        Fixture fx = new Fixture(
                repo,
                LifecycleOptions.DEFAULTS,
                3,
                b -> b.listener(change -> {
                    if (change.has(HistoryAction.EXPIRED)) {
                        expired.countDown();
                    }
                }));
        WorkItem w = fx.service()
                .create(NewWorkItem.builder()
                        .description("Approve access")
                        .ownerId(Fixture.FRED)
                        .timers(Timers.builder()
                                .step(Timers.Step.expire(Timers.At.afterCreation(Duration.ofDays(1)), "late"))
                                .build())
                        .build());
        TimerRunner runner = TimerRunner.start(fx.service(), Duration.ofMillis(5));
        try {
            fx.clock().advance(Duration.ofDays(1));
            assertTrue(failed.await(30, TimeUnit.SECONDS), "a sweep ran and failed");
            storeDown.set(false); // the runner goes on after failed sweeps
            runner.sweepSoon();
            assertTrue(expired.await(30, TimeUnit.SECONDS), "the runner expired the item");
            assertEquals(
                    WorkItemState.EXPIRED,
                    fx.service().get(Fixture.admin(), w.id()).state());
        } finally {
            runner.close();
        }
        assertFalse(runner.isRunning());
        // closed: every sweep has finished, so the counts are final
        assertTrue(runner.failedSweeps() >= 1, "the failed sweep is counted");
        assertTrue(runner.sweeps() > runner.failedSweeps(), "and the good ones");
        long after = runner.sweeps();
        runner.sweepSoon(); // ignored once closed
        assertEquals(after, runner.sweeps(), "no sweep after close");
        assertThrows(IllegalArgumentException.class, () -> TimerRunner.start(fx.service(), Duration.ZERO));
    }
}
