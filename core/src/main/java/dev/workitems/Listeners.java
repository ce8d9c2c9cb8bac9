package dev.workitems;

import dev.workitems.spi.WorkItemListener;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells the listeners about stored changes off the caller's thread. The default executor is one daemon thread with a
 * queue of {@value #QUEUE} changes: listeners see changes one at a time in the order this instance stored them, and a
 * change that finds the queue full is dropped and logged rather than making the caller wait.
 */
final class Listeners {
    private static final System.Logger LOG = System.getLogger(Listeners.class.getName());
    static final int QUEUE = 10_000;

    private final List<WorkItemListener> listeners;
    private final Executor executor;
    private final AtomicLong dropped = new AtomicLong();

    Listeners(List<WorkItemListener> listeners, Executor executor) {
        this.listeners = List.copyOf(listeners);
        this.executor = listeners.isEmpty() ? null : executor != null ? executor : defaultExecutor();
    }

    private static Executor defaultExecutor() {
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(QUEUE), r -> {
                    Thread t = new Thread(r, "workitems-listeners");
                    t.setDaemon(true);
                    return t;
                });
        pool.setRejectedExecutionHandler((r, p) -> {
            throw new RejectedExecutionException("listener queue full");
        });
        return pool;
    }

    void publish(WorkItemChange change) {
        if (executor == null) {
            return;
        }
        try {
            executor.execute(() -> {
                for (WorkItemListener l : listeners) {
                    try {
                        l.changed(change);
                    } catch (RuntimeException e) {
                        LOG.log(
                                System.Logger.Level.WARNING,
                                "work item listener " + l + " failed on a change of "
                                        + change.after().id() + " (the change stays stored)",
                                e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            long n = dropped.incrementAndGet();
            LOG.log(
                    System.Logger.Level.WARNING,
                    "work item listeners are " + QUEUE + " changes behind: the change of "
                            + change.after().id() + " v" + change.after().version() + " is not told to them (" + n
                            + " dropped so far); the event feed still has it");
        }
    }
}
