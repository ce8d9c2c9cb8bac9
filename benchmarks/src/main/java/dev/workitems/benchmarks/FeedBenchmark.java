package dev.workitems.benchmarks;

import dev.workitems.HistoryAction;
import dev.workitems.HistoryEvent;
import dev.workitems.NewWorkItem;
import dev.workitems.SubscriptionOptions;
import dev.workitems.Subscriptions;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemType;
import dev.workitems.WorkItems;
import dev.workitems.spi.InMemoryIdentityDirectory;
import dev.workitems.spi.WorkItemWrite;
import dev.workitems.storage.jdbc.JdbcWorkItemRepository;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What the event feed costs and how fast it delivers, on SQLite and PostgreSQL:
 *
 * <ul>
 *   <li><b>catch-up</b>: a subscription that has never run reads a feed of N events (N items bulk-loaded, one
 *       {@code CREATED} event each) with a handler that does nothing; events/s over the whole catch-up, which on
 *       PostgreSQL includes numbering the N events (they are loaded unnumbered, as writers leave them); then a second
 *       new subscription over the same, now numbered, feed;
 *   <li><b>latency</b>: on the empty store, a running subscription, and one writer creating items one after another;
 *       the time from the start of a create call (its commit happens inside it) to the handler's call, p50 and p99,
 *       woken by the in-process signal; 200 warm-up writes first.
 * </ul>
 *
 * Arguments (optional): {@code stores=sqlite,postgresql events=1000000 latencyWrites=2000 dir=benchmarks/target/bench}.
 */
public final class FeedBenchmark {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private FeedBenchmark() {}

    /** @param args key=value options, see the class comment */
    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new java.util.HashMap<>(Map.of(
                "stores",
                "sqlite,postgresql",
                "events",
                "1000000",
                "latencyWrites",
                "2000",
                "dir",
                "benchmarks/target/bench"));
        for (String a : args) {
            String[] kv = a.split("=", 2);
            opt.put(kv[0], kv[1]);
        }
        int events = Integer.parseInt(opt.get("events"));
        int writes = Integer.parseInt(opt.get("latencyWrites"));
        Path dir = Path.of(opt.get("dir"));
        Files.createDirectories(dir);
        EmbeddedPostgres pg = null;
        System.out.printf("%-10s %-34s %14s%n", "store", "measure", "value");
        try {
            for (String store : opt.get("stores").split(",")) {
                Supplier<JdbcWorkItemRepository> open;
                if (store.equals("sqlite")) {
                    Path file = dir.resolve("feed-bench.db");
                    for (String suffix : List.of("", "-wal", "-shm")) {
                        Files.deleteIfExists(Path.of(file + suffix));
                    }
                    open = () -> JdbcWorkItemRepository.sqlite(file);
                } else {
                    if (pg == null) {
                        pg = EmbeddedPostgres.builder().start();
                    }
                    String url = pg.getJdbcUrl("postgres", "postgres");
                    try (var c = java.sql.DriverManager.getConnection(url, "postgres", null);
                            var s = c.createStatement()) {
                        s.execute("DROP SCHEMA IF EXISTS feed_bench CASCADE");
                        s.execute("CREATE SCHEMA feed_bench");
                    }
                    open = () -> JdbcWorkItemRepository.builder()
                            .jdbcUrl(url + "&currentSchema=feed_bench")
                            .username("postgres")
                            .build();
                }
                try (JdbcWorkItemRepository repo = open.get()) {
                    latency(store, repo, writes); // on the empty store, so the new subscription starts at the end
                    catchUp(store, repo, events);
                }
            }
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    private static WorkItems service(JdbcWorkItemRepository repo) {
        return WorkItems.builder()
                .storage(repo)
                .identities(new InMemoryIdentityDirectory().put("owner", "Owner"))
                .build();
    }

    private static void catchUp(String store, JdbcWorkItemRepository repo, int events) {
        long t = System.nanoTime();
        List<WorkItemWrite> batch = new ArrayList<>(50_000);
        for (int i = 0; i < events; i++) {
            String id = String.format("%032x", i);
            Instant at = T0.plusMillis(i);
            WorkItem w = WorkItem.builder()
                    .id(id)
                    .ownerId("owner-" + (i % 10_000))
                    .ownerName("Owner")
                    .created(at)
                    .description("item " + i)
                    .type(WorkItemType.GENERIC)
                    .build();
            batch.add(new WorkItemWrite(
                    w, List.of(new HistoryEvent(id, 1, at, "host", HistoryAction.CREATED, null, Map.of()))));
            if (batch.size() == 50_000 || i == events - 1) {
                repo.importItems(batch);
                batch.clear();
            }
        }
        System.out.printf(
                "%-10s %-34s %14.1f%n", store, "load " + events + " events (s)", (System.nanoTime() - t) / 1e9);
        WorkItems svc = service(repo);
        long[] seen = {0};
        Subscriptions.Subscription sub = svc.subscriptions()
                .subscribe("catch-up", e -> seen[0]++, SubscriptionOptions.DEFAULTS.withBatchSize(10_000));
        t = System.nanoTime();
        while (sub.deliverOnce() > 0) {
            // until caught up
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        if (seen[0] < events) {
            throw new IllegalStateException("caught up on " + seen[0] + " of at least " + events + " events");
        }
        System.out.printf("%-10s %-34s %14.0f%n", store, "catch-up events/s (" + seen[0] + ")", seen[0] / seconds);
        System.out.printf("%-10s %-34s %14.1f%n", store, "catch-up time (s)", seconds);
        long[] again = {0};
        Subscriptions.Subscription second = svc.subscriptions()
                .subscribe("catch-up-numbered", e -> again[0]++, SubscriptionOptions.DEFAULTS.withBatchSize(10_000));
        t = System.nanoTime();
        while (second.deliverOnce() > 0) {
            // until caught up
        }
        seconds = (System.nanoTime() - t) / 1e9;
        System.out.printf("%-10s %-34s %14.0f%n", store, "2nd catch-up events/s (numbered)", again[0] / seconds);
    }

    private static void latency(String store, JdbcWorkItemRepository repo, int writes) throws InterruptedException {
        WorkItems svc = WorkItems.builder()
                .storage(repo)
                .identities(new InMemoryIdentityDirectory().put("owner", "Owner"))
                .build();
        SynchronousQueue<Long> arrivals = new SynchronousQueue<>();
        try (Subscriptions.Subscription sub = svc.subscriptions()
                .subscribe(
                        "latency",
                        e -> {
                            if (e.workItemId().startsWith("lat-")) {
                                arrivals.put(System.nanoTime());
                            }
                        },
                        SubscriptionOptions.DEFAULTS.withPollInterval(Duration.ofMillis(100)))) {
            sub.start();
            long[] micros = new long[writes];
            for (int i = 0; i < writes + 200; i++) {
                long committed = System.nanoTime(); // before the call: the commit happens inside it
                svc.create(NewWorkItem.builder()
                        .id(String.format("lat-%028x", i))
                        .type(WorkItemType.GENERIC)
                        .description("latency " + i)
                        .ownerId("owner")
                        .build());
                Long arrived = arrivals.poll(30, TimeUnit.SECONDS);
                if (arrived == null) {
                    throw new IllegalStateException("event " + i + " never reached the subscription");
                }
                if (i >= 200) { // the first 200 warm up
                    micros[i - 200] = Math.max(0, (arrived - committed) / 1_000);
                }
            }
            Arrays.sort(micros);
            System.out.printf("%-10s %-34s %14d%n", store, "create call->handler p50 (us)", micros[writes / 2]);
            System.out.printf(
                    "%-10s %-34s %14d%n", store, "create call->handler p99 (us)", micros[(int) (writes * 0.99)]);
        }
    }
}
