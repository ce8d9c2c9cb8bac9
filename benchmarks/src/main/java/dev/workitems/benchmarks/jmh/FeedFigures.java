package dev.workitems.benchmarks.jmh;

import dev.workitems.SubscriptionOptions;
import dev.workitems.Subscriptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The event feed's figures for one workitems system on the data the harness loaded and wrote: how fast a new durable
 * subscription catches up on the whole feed with a handler that does nothing (first on a feed that on PostgreSQL still
 * has to be numbered, then a second new subscription on the numbered feed), and the time from the start of a
 * {@code create} call to the handler's call on a running subscription of the same service (woken in-process).
 *
 * @param events how many events the first catch-up delivered
 * @param firstPerSecond events/s of the first catch-up (on PostgreSQL including numbering what was not numbered yet)
 * @param numberedPerSecond events/s of a second catch-up over the same, now numbered, feed
 * @param p50Micros create call to handler, median
 * @param p99Micros create call to handler, 99th percentile
 * @param writes how many measured creates the latency comes from
 */
record FeedFigures(
        long events, double firstPerSecond, double numberedPerSecond, double p50Micros, double p99Micros, int writes) {

    private static final int WARM_UP = 200;

    /**
     * @param name the system's name (names the subscriptions)
     * @param system the loaded system
     * @param writes measured creates for the latency (after {@value #WARM_UP} not measured)
     * @return its figures
     */
    static FeedFigures measure(String name, WorkItemsSystem system, int writes) throws InterruptedException {
        Subscriptions subscriptions = system.service().subscriptions();
        SubscriptionOptions bulk = SubscriptionOptions.DEFAULTS.withBatchSize(10_000);
        long[] first = catchUp(subscriptions.subscribe(name + "-catch-up", e -> {}, bulk));
        long[] second = catchUp(subscriptions.subscribe(name + "-catch-up-numbered", e -> {}, bulk));

        LinkedBlockingQueue<Object[]> arrivals = new LinkedBlockingQueue<>();
        long[] micros = new long[writes];
        try (Subscriptions.Subscription sub = subscriptions.subscribe(
                name + "-latency",
                e -> arrivals.add(new Object[] {e.workItemId(), System.nanoTime()}),
                SubscriptionOptions.DEFAULTS.withPollInterval(Duration.ofMillis(100)))) {
            sub.start();
            for (int i = 0; i < writes + WARM_UP; i++) {
                long start = System.nanoTime(); // the commit happens inside the call
                String id = system.create("writer")[0];
                long arrived = arrivalOf(id, arrivals);
                if (i >= WARM_UP) {
                    micros[i - WARM_UP] = Math.max(0, (arrived - start) / 1_000);
                }
            }
        }
        Arrays.sort(micros);
        return new FeedFigures(
                first[0],
                first[0] / (first[1] / 1e9),
                second[0] / (second[1] / 1e9),
                micros[writes / 2],
                micros[Math.min(writes - 1, (int) Math.ceil(writes * 0.99) - 1)],
                writes);
    }

    /** @return events delivered and nanoseconds taken until the subscription has nothing more to deliver */
    private static long[] catchUp(Subscriptions.Subscription sub) {
        long t0 = System.nanoTime();
        long events = 0;
        for (int n = sub.deliverOnce(); n > 0; n = sub.deliverOnce()) {
            events += n;
        }
        long took = System.nanoTime() - t0;
        sub.close();
        return new long[] {events, took};
    }

    /** @return when the event of item {@code id} reached the handler (events of other items are passed over) */
    private static long arrivalOf(String id, LinkedBlockingQueue<Object[]> arrivals) throws InterruptedException {
        while (true) {
            Object[] a = arrivals.poll(30, TimeUnit.SECONDS);
            if (a == null) {
                throw new IllegalStateException("the event of " + id + " never reached the subscription");
            }
            if (a[0].equals(id)) {
                return (long) a[1];
            }
        }
    }
}
