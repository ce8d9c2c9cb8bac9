package dev.workitems;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A small scheduler for hosts that do not schedule {@link WorkItems#sweep()} themselves: one daemon thread that sweeps
 * at start and then once per poll interval (measured from the end of one sweep to the start of the next), until closed.
 * A failing sweep is logged and the next one runs as planned. Start one per host instance: several instances sweeping
 * one store apply each action once (see {@link WorkItems#sweep()}), with no leader election.
 *
 * <pre>{@code
 * try (TimerRunner timers = TimerRunner.start(workItems, Duration.ofSeconds(30))) {
 *     // ... the host runs ...
 * }
 * }</pre>
 */
public final class TimerRunner implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TimerRunner.class.getName());

    private final WorkItems workItems;
    private final ScheduledExecutorService thread;
    private final AtomicReference<SweepResult> last = new AtomicReference<>();
    private final AtomicLong sweeps = new AtomicLong();
    private final AtomicLong failedSweeps = new AtomicLong();

    private TimerRunner(WorkItems workItems, Duration pollInterval) {
        this.workItems = workItems;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "workitems-timers");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::sweepOnce, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Starts sweeping at once, then every {@code pollInterval}.
     *
     * @param workItems what to sweep
     * @param pollInterval the pause between sweeps, at least 1 ms
     * @return the running runner; close it to stop
     */
    public static TimerRunner start(WorkItems workItems, Duration pollInterval) {
        Objects.requireNonNull(workItems, "workItems");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.toMillis() < 1) {
            throw new IllegalArgumentException("pollInterval must be at least 1 ms, not " + pollInterval);
        }
        return new TimerRunner(workItems, pollInterval);
    }

    /** Asks for a sweep now, besides the planned ones (for example after moving a test clock). */
    public void sweepSoon() {
        if (!thread.isShutdown()) {
            thread.execute(this::sweepOnce);
        }
    }

    private void sweepOnce() {
        try {
            last.set(workItems.sweep());
        } catch (RuntimeException e) {
            failedSweeps.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "timer sweep failed; the next one runs as planned", e);
        } finally {
            sweeps.incrementAndGet();
        }
    }

    /** @return what the last sweep that finished did, or null before the first */
    public SweepResult lastSweep() {
        return last.get();
    }

    /** @return how many sweeps have finished, failed ones included */
    public long sweeps() {
        return sweeps.get();
    }

    /** @return how many sweeps failed as a whole (the store could not be read) */
    public long failedSweeps() {
        return failedSweeps.get();
    }

    /** @return true until closed */
    public boolean isRunning() {
        return !thread.isShutdown();
    }

    /** Stops: no sweep starts after this returns, and a sweep under way is waited for (up to 30 seconds). */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
