package dev.workitems.benchmarks;

import dev.workitems.ApprovalItem;
import dev.workitems.Caller;
import dev.workitems.HistoryAction;
import dev.workitems.HistoryEvent;
import dev.workitems.ListQuery;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemState;
import dev.workitems.WorkItemType;
import dev.workitems.WorkItems;
import dev.workitems.spi.IdGenerator;
import dev.workitems.spi.InMemoryIdentityDirectory;
import dev.workitems.spi.WorkItemWrite;
import dev.workitems.storage.jdbc.JdbcWorkItemRepository;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Read costs as the store grows: a page of 250 items (with their approval items), a count and a summary, through the
 * service, on SQLite and PostgreSQL holding N items across 10,000 owners. One owner holds 1,000 pending items (the page
 * is read from it); the others share the rest, 80% pending. Every item has 3 approval items.
 *
 * <p>Arguments (all optional): {@code stores=sqlite,postgresql sizes=10000,1000000 iterations=2000
 * dir=benchmarks/target/bench}. After loading, each database gets fresh planner statistics (ANALYZE) and a clean WAL,
 * so that reads are measured without background maintenance; warm-up runs at least 3 s and as many calls as are
 * measured. {@code vacuumFull=true} also rewrites PostgreSQL's counter table after the load (it holds one dead row
 * version per counter change until vacuumed). Prints median, p90 and p99 latency and ops/s per store, size and
 * operation.
 */
public final class StoreReadBenchmark {
    private static final int OWNERS = 10_000;
    private static final String HEAVY = "owner-00000";
    private static final int HEAVY_ITEMS = 1_000;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private StoreReadBenchmark() {}

    /** @param args key=value options, see the class comment */
    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new java.util.HashMap<>(Map.of(
                "stores",
                "sqlite,postgresql",
                "sizes",
                "10000,1000000",
                "iterations",
                "2000",
                "dir",
                "benchmarks/target/bench",
                "vacuumFull",
                "false"));
        for (String a : args) {
            String[] kv = a.split("=", 2);
            opt.put(kv[0], kv[1]);
        }
        int iterations = Integer.parseInt(opt.get("iterations"));
        Path dir = Path.of(opt.get("dir"));
        Files.createDirectories(dir);
        EmbeddedPostgres pg = null;
        System.out.printf(
                "%-10s %9s %-22s %10s %10s %10s %10s%n",
                "store", "items", "operation", "median_us", "p90_us", "p99_us", "ops/s");
        try {
            for (String store : opt.get("stores").split(",")) {
                for (String size : opt.get("sizes").split(",")) {
                    int n = Integer.parseInt(size);
                    Supplier<JdbcWorkItemRepository> open;
                    String maintenanceUrl;
                    List<String> maintenance;
                    if (store.equals("sqlite")) {
                        Path file = dir.resolve("bench-" + n + ".db");
                        for (String suffix : List.of("", "-wal", "-shm")) {
                            Files.deleteIfExists(Path.of(file + suffix));
                        }
                        open = () -> JdbcWorkItemRepository.sqlite(file);
                        maintenanceUrl = "jdbc:sqlite:" + file.toAbsolutePath();
                        maintenance = List.of("ANALYZE", "PRAGMA wal_checkpoint(TRUNCATE)");
                    } else {
                        if (pg == null) {
                            pg = EmbeddedPostgres.builder()
                                    .setServerConfig("shared_buffers", "512MB")
                                    .start();
                        }
                        String base = pg.getJdbcUrl("postgres", "postgres");
                        String schema = "bench_" + n;
                        try (Connection c = DriverManager.getConnection(base, "postgres", null);
                                Statement s = c.createStatement()) {
                            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                            s.execute("CREATE SCHEMA " + schema);
                        }
                        String url = base + "&currentSchema=" + schema;
                        open = () -> JdbcWorkItemRepository.builder()
                                .jdbcUrl(url)
                                .username("postgres")
                                .build();
                        maintenanceUrl = url;
                        maintenance = new ArrayList<>(List.of(
                                "VACUUM ANALYZE workitems_work_item",
                                "VACUUM ANALYZE workitems_owner_count",
                                "VACUUM ANALYZE workitems_event"));
                        if (Boolean.parseBoolean(opt.get("vacuumFull"))) {
                            maintenance.add("VACUUM FULL ANALYZE workitems_owner_count");
                        }
                    }
                    try (JdbcWorkItemRepository repo = open.get()) {
                        long t = System.nanoTime();
                        load(repo, n);
                        try (Connection c = DriverManager.getConnection(
                                        maintenanceUrl, store.equals("sqlite") ? null : "postgres", null);
                                Statement st = c.createStatement()) {
                            for (String m : maintenance) {
                                st.execute(m);
                            }
                        }
                        System.err.printf(
                                "loaded %,d items into %s in %.1f s%n", n, store, (System.nanoTime() - t) / 1e9);
                        measure(store, n, repo, iterations);
                    }
                }
            }
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    private static void load(JdbcWorkItemRepository repo, int n) {
        IdGenerator ids = IdGenerator.randomUuid();
        SplittableRandom r = new SplittableRandom(42);
        List<WorkItemWrite> batch = new ArrayList<>(10_000);
        for (int i = 0; i < n; i++) {
            String owner = i < HEAVY_ITEMS ? HEAVY : String.format("owner-%05d", 1 + r.nextInt(OWNERS - 1));
            boolean completed = i >= HEAVY_ITEMS && r.nextInt(5) == 0;
            Instant created = T0.plusMillis(i * 10L);
            String id = ids.newId();
            List<ApprovalItem> approvals = List.of(
                    new ApprovalItem(
                            ids.newId(), "acct-" + i, "GitHub", "groups", "Add", "team-a", WorkItemState.PENDING),
                    new ApprovalItem(
                            ids.newId(), "acct-" + i, "GitHub", "groups", "Add", "team-b", WorkItemState.PENDING),
                    new ApprovalItem(
                            ids.newId(),
                            "acct-" + i,
                            "Active Directory",
                            "memberOf",
                            "Add",
                            "cn=staff",
                            WorkItemState.PENDING));
            WorkItem w = WorkItem.builder()
                    .id(id)
                    .ownerId(owner)
                    .ownerName("Owner " + owner)
                    .requesterId("requester")
                    .requesterDisplayName("Requester")
                    .created(created)
                    .description("Approve access for identity " + i)
                    .type(WorkItemType.APPROVAL)
                    .name("Access Request")
                    .approvalItems(approvals)
                    .state(completed ? WorkItemState.FINISHED : WorkItemState.PENDING)
                    .completed(completed ? created : null)
                    .build();
            batch.add(new WorkItemWrite(
                    w, List.of(new HistoryEvent(id, 1, created, "requester", HistoryAction.CREATED, null, Map.of()))));
            if (batch.size() == 10_000) {
                repo.importItems(batch);
                batch.clear();
            }
        }
        repo.importItems(batch);
    }

    private static void measure(String store, int n, JdbcWorkItemRepository repo, int iterations) {
        InMemoryIdentityDirectory people = new InMemoryIdentityDirectory();
        WorkItems svc = WorkItems.builder().storage(repo).identities(people).build();
        Caller admin = Caller.of("admin", "ORG_ADMIN");
        SplittableRandom r = new SplittableRandom(7);
        ListQuery page = new ListQuery(HEAVY, 250, 0, false);
        ListQuery deep = new ListQuery(HEAVY, 250, 750, false);
        if (svc.listPending(admin, page).items().size() != 250
                || svc.listPending(admin, deep).items().size() != 250) {
            throw new IllegalStateException("the page owner must have 1,000 pending items");
        }
        report(store, n, "page 250 (offset 0)", iterations / 4, () -> svc.listPending(admin, page));
        report(store, n, "page 250 (offset 750)", iterations / 4, () -> svc.listPending(admin, deep));
        report(store, n, "count pending", iterations, () -> svc.countPending(admin, owner(r)));
        report(store, n, "summary", iterations, () -> svc.summary(admin, owner(r)));
        report(store, n, "page 250 + total", iterations / 4, () -> svc.listPending(admin, page.withCount()));
    }

    private static String owner(SplittableRandom r) {
        return String.format("owner-%05d", r.nextInt(OWNERS));
    }

    private static void report(String store, int n, String op, int iterations, Runnable call) {
        // Warm up for at least 3 s and as many calls as are measured, so that the JIT has compiled the path.
        long warmUntil = System.nanoTime() + 3_000_000_000L;
        for (int i = 0; i < iterations || System.nanoTime() < warmUntil; i++) {
            call.run();
        }
        long[] ns = new long[iterations];
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            long t = System.nanoTime();
            call.run();
            ns[i] = System.nanoTime() - t;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(ns);
        System.out.printf(
                "%-10s %9d %-22s %10.1f %10.1f %10.1f %10.0f%n",
                store,
                n,
                op,
                ns[iterations / 2] / 1e3,
                ns[(int) (iterations * 0.9)] / 1e3,
                ns[(int) (iterations * 0.99)] / 1e3,
                iterations / seconds);
    }
}
