package dev.workitems.benchmarks;

import dev.workitems.HistoryAction;
import dev.workitems.HistoryEvent;
import dev.workitems.SweepResult;
import dev.workitems.Timers;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemType;
import dev.workitems.WorkItems;
import dev.workitems.spi.InMemoryIdentityDirectory;
import dev.workitems.spi.WorkItemWrite;
import dev.workitems.storage.jdbc.JdbcWorkItemRepository;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a timer sweep costs, on SQLite and PostgreSQL, over N bulk-loaded Pending items that all carry timers:
 *
 * <ul>
 *   <li><b>nothing due</b>: a sweep when no item is due, repeated; its time is one probe of the due index (the items'
 *       next timers all lie ahead), so it must not grow with N;
 *   <li><b>1% due</b>: every {@code 1/duePercent}-th item has a reminder every hour, the others their first reminder
 *       1,000 days out; each round moves the clock one hour, so exactly N x 1% items are due, and one sweep stores one
 *       reminder (a version-checked change with its history and feed event) on each: the sweep's time, and its time per
 *       due action.
 * </ul>
 *
 * Arguments (optional): {@code stores=sqlite,postgresql items=1000000 duePercent=1 rounds=5 probes=2000
 * dir=benchmarks/target/bench}.
 */
public final class TimerBenchmark {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    private TimerBenchmark() {}

    /** @param args key=value options, see the class comment */
    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new java.util.HashMap<>(Map.of(
                "stores", "sqlite,postgresql",
                "items", "1000000",
                "duePercent", "1",
                "rounds", "5",
                "probes", "2000",
                "flowable", "false",
                "flowableItems", "100000",
                "dir", "benchmarks/target/bench"));
        for (String a : args) {
            String[] kv = a.split("=", 2);
            opt.put(kv[0], kv[1]);
        }
        int items = Integer.parseInt(opt.get("items"));
        int every = 100 / Integer.parseInt(opt.get("duePercent"));
        int rounds = Integer.parseInt(opt.get("rounds"));
        int probes = Integer.parseInt(opt.get("probes"));
        Path dir = Path.of(opt.get("dir"));
        Files.createDirectories(dir);
        EmbeddedPostgres pg = null;
        System.out.printf("%-10s %-46s %14s%n", "store", "measure", "value");
        try {
            for (String store : opt.get("stores").split(",")) {
                if (store.isBlank()) {
                    continue; // stores= measures Flowable only
                }
                Supplier<JdbcWorkItemRepository> open;
                if (store.equals("sqlite")) {
                    Path file = dir.resolve("timer-bench.db");
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
                        s.execute("DROP SCHEMA IF EXISTS timer_bench CASCADE");
                        s.execute("CREATE SCHEMA timer_bench");
                    }
                    open = () -> JdbcWorkItemRepository.builder()
                            .jdbcUrl(url + "&currentSchema=timer_bench")
                            .username("postgres")
                            .build();
                }
                try (JdbcWorkItemRepository repo = open.get()) {
                    load(store, repo, items, every);
                    measure(store, repo, items / every, rounds, probes);
                }
            }
            if (Boolean.parseBoolean(opt.get("flowable"))) {
                if (pg == null) {
                    pg = EmbeddedPostgres.builder().start();
                }
                flowable(pg, Integer.parseInt(opt.get("flowableItems")), every, rounds, probes);
            }
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    private static void load(String store, JdbcWorkItemRepository repo, int items, int every) {
        long t = System.nanoTime();
        Timers hourly = Timers.builder()
                .reminders(Timers.Reminders.every(Timers.At.afterCreation(HOUR), HOUR, 1000))
                .build();
        Timers later = Timers.builder()
                .reminders(Timers.Reminders.once(Timers.At.afterCreation(Duration.ofDays(1000))))
                .build();
        List<WorkItemWrite> batch = new ArrayList<>(50_000);
        for (int i = 0; i < items; i++) {
            String id = String.format("%032x", i);
            WorkItem w = WorkItem.builder()
                    .id(id)
                    .ownerId("owner-" + (i % 10_000))
                    .ownerName("Owner")
                    .created(T0)
                    .description("item " + i)
                    .type(WorkItemType.APPROVAL)
                    .timers(i % every == 0 ? hourly : later)
                    .build();
            batch.add(new WorkItemWrite(
                    w, List.of(new HistoryEvent(id, 1, T0, "host", HistoryAction.CREATED, null, Map.of()))));
            if (batch.size() == 50_000 || i == items - 1) {
                repo.importItems(batch);
                batch.clear();
            }
        }
        System.out.printf(
                "%-10s %-46s %14.1f%n",
                store, "load " + items + " items with timers (s)", (System.nanoTime() - t) / 1e9);
    }

    private static void measure(String store, JdbcWorkItemRepository repo, int due, int rounds, int probes) {
        SettableClock clock = new SettableClock(T0.plus(Duration.ofMinutes(30)));
        WorkItems svc = WorkItems.builder()
                .storage(repo)
                .identities(new InMemoryIdentityDirectory())
                .clock(clock)
                .timerNotifier(n -> {})
                .build();
        measure(store, due, rounds, probes, clock::set, () -> {
            SweepResult r = svc.sweep();
            if (r.failures() != 0 || r.items() != r.reminders()) {
                throw new IllegalStateException("one reminder per due item, no failure: " + r);
            }
            return r.reminders();
        });
    }

    /**
     * Measures one system's sweep: with nothing due ({@code probes} times, after a quarter as many to warm up), then
     * one sweep per round with exactly {@code due} items due, and prints the figures.
     *
     * @param clock sets the system's clock
     * @param sweep sweeps once and answers how many due actions it applied
     */
    private static void measure(
            String store,
            int due,
            int rounds,
            int probes,
            java.util.function.Consumer<Instant> clock,
            java.util.function.IntSupplier sweep) {
        clock.accept(T0.plus(Duration.ofMinutes(30)));
        long[] idle = new long[probes];
        for (int i = -probes / 4; i < probes; i++) {
            long t = System.nanoTime();
            int n = sweep.getAsInt();
            long ns = System.nanoTime() - t;
            if (n != 0) {
                throw new IllegalStateException(store + ": nothing should be due, " + n + " actions applied");
            }
            if (i >= 0) {
                idle[i] = ns;
            }
        }
        Arrays.sort(idle);
        System.out.printf("%-10s %-46s %14.1f%n", store, "sweep, nothing due: p50 (us)", idle[probes / 2] / 1e3);
        System.out.printf(
                "%-10s %-46s %14.1f%n", store, "sweep, nothing due: p90 (us)", idle[(int) (probes * 0.9)] / 1e3);
        double[] perAction = new double[rounds];
        double[] sweepSeconds = new double[rounds];
        for (int round = 1; round <= rounds; round++) {
            clock.accept(T0.plus(HOUR.multipliedBy(round)).plusSeconds(1));
            long t = System.nanoTime();
            int n = sweep.getAsInt();
            long ns = System.nanoTime() - t;
            if (n != due) {
                throw new IllegalStateException(store + ": expected " + due + " due actions, not " + n);
            }
            sweepSeconds[round - 1] = ns / 1e9;
            perAction[round - 1] = ns / 1e3 / due;
            System.out.printf(
                    "%-10s %-46s %14.2f%n",
                    store,
                    "round " + round + ": sweep of " + due + " due (s), "
                            + String.format("%.0f us/action", ns / 1e3 / due),
                    ns / 1e9);
        }
        Arrays.sort(perAction);
        Arrays.sort(sweepSeconds);
        System.out.printf("%-10s %-46s %14.0f%n", store, "1% due: median us per due action", perAction[rounds / 2]);
        System.out.printf(
                "%-10s %-46s %14s%n",
                store,
                "1% due: min-max us per due action",
                String.format("%.0f-%.0f", perAction[0], perAction[rounds - 1]));
        System.out.printf("%-10s %-46s %14.0f%n", store, "1% due: median actions/s", due / sweepSeconds[rounds / 2]);
    }

    private static final String BPMN = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                         xmlns:flowable="http://flowable.org/bpmn" targetNamespace="bench">
              <process id="approval" isExecutable="true">
                <startEvent id="start"/>
                <sequenceFlow id="f1" sourceRef="start" targetRef="task"/>
                <userTask id="task" name="Access Request" flowable:assignee="${owner}"/>
                <boundaryEvent id="remind" attachedToRef="task" cancelActivity="false">
                  <timerEventDefinition><timeCycle>${cycle}</timeCycle></timerEventDefinition>
                </boundaryEvent>
                <sequenceFlow id="f2" sourceRef="remind" targetRef="reminded"/>
                <endEvent id="reminded"/>
                <sequenceFlow id="f3" sourceRef="task" targetRef="end"/>
                <endEvent id="end"/>
              </process>
            </definitions>
            """;

    private static void flowable(EmbeddedPostgres pg, int items, int every, int rounds, int probes) throws Exception {
        String store = "flowable-pg";
        String url = pg.getJdbcUrl("postgres", "postgres");
        try (var c = java.sql.DriverManager.getConnection(url, "postgres", null);
                var s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS flowable_timer_bench CASCADE");
            s.execute("CREATE SCHEMA flowable_timer_bench");
        }
        org.flowable.engine.ProcessEngine engine =
                org.flowable.engine.ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
                        .setJdbcUrl(url + "&currentSchema=flowable_timer_bench")
                        .setJdbcUsername("postgres")
                        .setJdbcPassword("")
                        .setJdbcDriver("org.postgresql.Driver")
                        .setDatabaseSchemaUpdate(org.flowable.engine.ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                        .setAsyncExecutorActivate(false)
                        .buildProcessEngine();
        try {
            var clock = engine.getProcessEngineConfiguration().getClock();
            clock.setCurrentTime(java.util.Date.from(T0));
            engine.getRepositoryService()
                    .createDeployment()
                    .addString("approval.bpmn20.xml", BPMN)
                    .deploy();
            var runtime = engine.getRuntimeService();
            var management = engine.getManagementService();
            long t = System.nanoTime();
            for (int from = 0; from < items; from += 100) { // 100 instances per transaction
                int start = from;
                management.executeCommand(context -> {
                    for (int i = start; i < Math.min(items, start + 100); i++) {
                        runtime.startProcessInstanceByKey(
                                "approval",
                                Map.of(
                                        "owner",
                                        "owner-" + (i % 10_000),
                                        "cycle",
                                        i % every == 0 ? "R1000/PT1H" : "R1/P1000D"));
                    }
                    return null;
                });
            }
            System.out.printf(
                    "%-10s %-46s %14.1f%n",
                    store, "load " + items + " process instances (s)", (System.nanoTime() - t) / 1e9);
            measure(
                    store,
                    items / every,
                    rounds,
                    probes,
                    at -> clock.setCurrentTime(java.util.Date.from(at)),
                    () -> flowableSweep(management));
        } finally {
            engine.close();
        }
    }

    /**
     * What Flowable's async executor does with due timers, on this thread: read the executable timer jobs 200 at a
     * time, move each to the executable jobs, execute it.
     *
     * @return how many timer jobs fired
     */
    private static int flowableSweep(org.flowable.engine.ManagementService management) {
        int fired = 0;
        while (true) {
            List<org.flowable.job.api.Job> timers =
                    management.createTimerJobQuery().executable().listPage(0, 200);
            for (org.flowable.job.api.Job timer : timers) {
                org.flowable.job.api.Job job = management.moveTimerToExecutableJob(timer.getId());
                management.executeJob(job.getId());
                fired++;
            }
            if (timers.size() < 200) {
                return fired;
            }
        }
    }

    /** The benchmark's clock: it is whatever time the benchmark sets. */
    private static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant start) {
            now = start;
        }

        void set(Instant t) {
            now = t;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
