package dev.workitems.benchmarks.jmh;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import java.util.concurrent.ThreadLocalRandom;

/**
 * The side-by-side comparison behind {@code benchmarks/RESULTS.md}: every system loaded once per size, then rounds in
 * which each operation runs on every system in a shuffled order, so that the machine's noise falls on all of them
 * alike. Each (system, operation) gets a short warm-up and a measured window per round, the window cut into slices run
 * in passes forth and back over the systems (see {@link #measureRound}); the report gives the median ops/s over rounds
 * with its range, latency percentiles over all measured calls, and every ratio as the median of the per-round ratios
 * (each computed from two runs of the same round).
 *
 * <p>Why not JMH for this: JMH forks a JVM per benchmark and would load a million items for every one of them;
 * {@link CompareBenchmark} keeps the JMH version for the 20,000-item operations.
 *
 * <p>After the rounds, the event feed of {@link #FEED_SYSTEMS} is measured on the same data ({@link FeedFigures}): a
 * new subscription catching up on every event the load and the rounds wrote, and the delivery latency of
 * {@code feedWrites} creates ({@code feedWrites=0} skips it).
 *
 * <p>Arguments (key=value): {@code sizes=20000,1000000 rounds=3 warmup=0.5 measure=1 slices=3 systems=... ops=...
 * feedWrites=2000 out=benchmarks/RESULTS.md}.
 */
public final class CompareMain {
    static final String HEAVY = "owner-0";
    static final int OWNERS = 1_000;
    static final List<String> ALL_SYSTEMS = List.of(
            "workitems-memory",
            "workitems-sqlite",
            "workitems-sqlite-http",
            "floor-http",
            "workitems-postgres",
            "workitems-postgres-nocache",
            "flowable-h2",
            "flowable-postgres",
            "floor-sqlite",
            "floor-postgres",
            "floor-feed-sqlite",
            "floor-nofeed-sqlite",
            "floor-feed-postgres",
            "floor-nofeed-postgres",
            "naive-sqlite");
    /** The systems whose event feed is measured after the rounds (catch-up and delivery latency). */
    static final List<String> FEED_SYSTEMS = List.of("workitems-sqlite", "workitems-postgres");

    static final List<String> ALL_OPS = List.of(
            "create",
            "get",
            "page250",
            "page250Deep",
            "page250After",
            "count",
            "summary",
            "complete",
            "approve",
            "approveAll",
            "forward",
            "approve x2",
            "approve x8",
            "page250 x2",
            "page250 x8");
    static final List<String> WRITES = List.of("complete", "approve", "approveAll", "forward");
    static final String NOINDEX = "flowable-postgres-noindex";

    private final Map<String, String> opt;
    private final double warmup;
    private final double measure;
    /**
     * At most this many creates or writes per measured window (half as many in a warm-up): a fast system's create and
     * write batches otherwise add millions of items to a heap that holds a million-item memory store and Flowable on
     * H2.
     */
    private final int maxOps;
    /** Parts each measured window is cut into, run in passes over the systems (see {@link #measureRound}). */
    private final int slices;
    /** size -> system -> operation -> result. */
    final Map<Integer, Map<String, Map<String, Result>>> results = new LinkedHashMap<>();

    final Map<Integer, Integer> deepOffsets = new LinkedHashMap<>();
    final Map<Integer, Map<String, Double>> loadSeconds = new LinkedHashMap<>();
    /** size -> system -> the event feed's figures. */
    final Map<Integer, Map<String, FeedFigures>> feed = new LinkedHashMap<>();

    /** Per-round throughputs and all measured latencies of one system and operation at one size. */
    static final class Result {
        final List<Double> opsPerSecond = new ArrayList<>();
        long[] latencies = new long[0];
        int count;

        void add(double rate, long[] lat, int n) {
            opsPerSecond.add(rate);
            if (count + n > latencies.length) {
                latencies = Arrays.copyOf(latencies, Math.max(count + n, latencies.length * 2));
            }
            System.arraycopy(lat, 0, latencies, count, n);
            count += n;
        }

        double median() {
            return CompareMain.median(opsPerSecond);
        }

        double percentileMicros(double p) {
            long[] sorted = Arrays.copyOf(latencies, count);
            Arrays.sort(sorted);
            return sorted.length == 0
                    ? Double.NaN
                    : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1_000.0;
        }
    }

    CompareMain(Map<String, String> opt) {
        this.opt = opt;
        this.warmup = Double.parseDouble(opt.get("warmup"));
        this.measure = Double.parseDouble(opt.get("measure"));
        this.maxOps = Integer.parseInt(opt.get("maxOps"));
        this.slices = Integer.parseInt(opt.get("slices"));
        if (slices < 1) {
            throw new IllegalArgumentException("slices must be at least 1: " + slices);
        }
    }

    /** @param args key=value options, see the class comment */
    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>();
        opt.put("sizes", "20000");
        opt.put("rounds", "3");
        opt.put("warmup", "0.5");
        opt.put("measure", "1");
        opt.put("systems", String.join(",", ALL_SYSTEMS));
        opt.put("ops", String.join(",", ALL_OPS));
        opt.put("maxOps", "30000");
        opt.put("slices", "3");
        opt.put("feedWrites", "2000");
        opt.put("out", "benchmarks/RESULTS.md");
        for (String a : args) {
            String[] kv = a.split("=", 2);
            if (kv.length != 2 || !opt.containsKey(kv[0])) {
                throw new IllegalArgumentException("unknown argument " + a + "; known: " + opt.keySet());
            }
            opt.put(kv[0], kv[1]);
        }
        Instant started = Instant.now();
        CompareMain run = new CompareMain(opt);
        Path out = Path.of(opt.get("out"));
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        String report = "";
        for (String size : opt.get("sizes").split(",")) {
            run.size(Integer.parseInt(size.trim()));
            report = new CompareReport(run, opt, String.join(" ", args), started, Instant.now()).markdown();
            Files.writeString(out, report); // after every size, so a long run that dies keeps what it measured
        }
        System.out.println(report);
        System.out.println("wrote " + out.toAbsolutePath());
        System.exit(0); // embedded PostgreSQL and pools have non-daemon threads
    }

    private static List<String> list(String csv) {
        List<String> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    /** Everything the operations need about one loaded system. */
    private static final class Loaded {
        final String name;
        final TaskSystem sys;
        final List<String> sample = new ArrayList<>();
        Object deepPosition;

        Loaded(String name, TaskSystem sys) {
            this.name = name;
            this.sys = sys;
        }
    }

    private void size(int n) throws Exception {
        List<String> names = list(opt.get("systems"));
        List<String> ops = list(opt.get("ops"));
        int rounds = Integer.parseInt(opt.get("rounds"));
        int deep = Math.min(20_000, n / 2 - 250);
        deepOffsets.put(n, deep);
        Map<String, Map<String, Result>> bySystem = new LinkedHashMap<>();
        results.put(n, bySystem);
        Map<String, Double> loads = new LinkedHashMap<>();
        loadSeconds.put(n, loads);
        Map<String, TaskSystem> open = Systems.openAll(names);
        List<Loaded> loaded = new ArrayList<>();
        try {
            // Loads run side by side (three at a time): Flowable's take most of the wall time, waiting on its engine.
            ExecutorService loaders = Executors.newFixedThreadPool(3);
            try {
                List<Future<?>> loading = new ArrayList<>();
                for (Map.Entry<String, TaskSystem> e : open.entrySet()) {
                    if (!Systems.sharesData(e.getKey(), names)) {
                        loading.add(loaders.submit(() -> {
                            long t0 = System.nanoTime();
                            e.getValue().load(n, HEAVY, OWNERS);
                            double s = (System.nanoTime() - t0) / 1e9;
                            synchronized (loads) {
                                loads.put(e.getKey(), s);
                            }
                            log("%s: loaded %,d items in %.1f s", e.getKey(), n, s);
                            return null;
                        }));
                    }
                }
                for (Future<?> f : loading) {
                    f.get();
                }
            } finally {
                loaders.shutdown();
            }
            for (Map.Entry<String, TaskSystem> e : open.entrySet()) {
                Loaded l = new Loaded(e.getKey(), e.getValue());
                if (l.sys.supports("get")) {
                    for (int i = 0; i < 1_000; i++) {
                        l.sample.add(l.sys.create("owner-" + (1 + i % OWNERS))[0]);
                    }
                }
                if (l.sys.supports("pageAfter")) {
                    l.deepPosition = l.sys.positionAt(HEAVY, deep);
                }
                loaded.add(l);
                bySystem.put(l.name, new LinkedHashMap<>());
            }
            Random shuffle = new Random(n);
            for (int round = 1; round <= rounds; round++) {
                for (String op : ops) {
                    List<Loaded> order = new ArrayList<>();
                    for (Loaded l : loaded) {
                        if (l.sys.supports(base(op))) {
                            order.add(l);
                        }
                    }
                    Collections.shuffle(order, shuffle);
                    measureRound(order, op, n, bySystem);
                }
                log("size %,d: round %d of %d done", n, round, rounds);
            }
            int feedWrites = Integer.parseInt(opt.get("feedWrites"));
            Map<String, FeedFigures> feedHere = new LinkedHashMap<>();
            feed.put(n, feedHere);
            for (Loaded l : loaded) {
                if (feedWrites > 0 && FEED_SYSTEMS.contains(l.name)) {
                    FeedFigures f = FeedFigures.measure(l.name, (WorkItemsSystem) l.sys, feedWrites);
                    feedHere.put(l.name, f);
                    log(
                            "%s: feed catch-up %,.0f events/s (%,d events), numbered %,.0f/s; create->handler p50 "
                                    + "%.0f us, p99 %.0f us",
                            l.name,
                            f.firstPerSecond(),
                            f.events(),
                            f.numberedPerSecond(),
                            f.p50Micros(),
                            f.p99Micros());
                }
            }
            Loaded flowable = loaded.stream()
                    .filter(l -> l.name.equals("flowable-postgres"))
                    .findFirst()
                    .orElse(null);
            if (flowable != null) {
                ((FlowableSystem) flowable.sys).dropAssigneeIndex();
                Loaded noIndex = new Loaded(NOINDEX, flowable.sys);
                noIndex.sample.addAll(flowable.sample);
                bySystem.put(NOINDEX, new LinkedHashMap<>());
                for (int round = 1; round <= rounds; round++) {
                    for (String op : List.of("page250", "page250Deep", "count", "summary")) {
                        if (ops.contains(op)) {
                            measureRound(List.of(noIndex), op, n, bySystem);
                        }
                    }
                }
                log("size %,d: Flowable without the assignee index measured", n);
            }
        } finally {
            List<String> reverse = new ArrayList<>(open.keySet());
            Collections.reverse(reverse);
            for (String name : reverse) {
                try {
                    open.get(name).close();
                } catch (RuntimeException e) {
                    // A system that failed (Flowable's H2 out of heap) may fail to close too: the figures must still be
                    // written.
                    log("closing %s failed: %s", name, e);
                }
            }
        }
    }

    private static String base(String op) {
        int x = op.indexOf(" x");
        String b = x < 0 ? op : op.substring(0, x);
        return b.equals("page250After") ? "pageAfter" : b;
    }

    private static int threads(String op) {
        int x = op.indexOf(" x");
        return x < 0 ? 1 : Integer.parseInt(op.substring(x + 2));
    }

    /** Last measured rate per system and operation, to size the next batch of fresh tasks. */
    private final Map<String, Double> rates = new HashMap<>();

    /** Failures by size, system and operation: reported in the table instead of ending the run. */
    final Map<String, String> failures = new LinkedHashMap<>();

    /**
     * One round of one operation: every system in {@code order} warms up, then its measured window is cut into
     * {@code slices} parts run in passes over the systems, forth and back (A B C, C B A, A B C): each system's window
     * is spread over the whole time the operation runs, so a disturbance of a few seconds (a checkpoint after the
     * writes before, a collection) falls on all of them alike instead of on whichever ran then.
     */
    private void measureRound(List<Loaded> order, String op, int n, Map<String, Map<String, Result>> bySystem) {
        Map<String, Window> windows = new LinkedHashMap<>();
        for (int slice = 0; slice < slices; slice++) {
            List<Loaded> pass = new ArrayList<>(order);
            if (slice % 2 == 1) {
                Collections.reverse(pass);
            }
            for (Loaded l : pass) {
                runGuarded(l, op, n, slice == 0, windows.computeIfAbsent(l.name, k -> new Window()));
            }
        }
        for (Map.Entry<String, Window> e : windows.entrySet()) {
            Map<String, Result> of = bySystem.get(e.getKey());
            if (failures.containsKey(n + " " + e.getKey() + " " + op)) {
                of.remove(op); // a system that failed once has no figure for the operation
            } else {
                e.getValue().into(of.computeIfAbsent(op, k -> new Result()));
            }
        }
    }

    /** The measured parts of one system's window in a round: calls, their time, their latencies. */
    private static final class Window {
        long calls;
        long nanos;
        final List<long[]> latencies = new ArrayList<>();

        void add(long[] lat, long elapsedNanos) {
            calls += lat.length;
            nanos += elapsedNanos;
            latencies.add(lat);
        }

        double rate() {
            return calls / (nanos / 1e9);
        }

        void into(Result r) {
            long[] all = merge(latencies);
            r.add(rate(), all, all.length);
        }
    }

    private void runGuarded(Loaded l, String op, int n, boolean warm, Window into) {
        if (failures.containsKey(n + " " + l.name + " " + op)) {
            return;
        }
        try {
            run(l, op, n, warm, into);
        } catch (Exception | Error e) {
            Throwable cause =
                    e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            failures.put(n + " " + l.name + " " + op, cause.getClass().getSimpleName() + ": " + cause.getMessage());
            log("FAILED %s %s at %,d: %s", l.name, op, n, cause);
        }
    }

    /** Warms up (if asked), then measures one slice of the window into {@code into}. */
    private void run(Loaded l, String op, int n, boolean warm, Window into) throws Exception {
        String b = base(op);
        int threads = threads(op);
        int deep = deepOffsets.get(n);
        double slice = measure / slices;
        if (WRITES.contains(b)) {
            // Writes run a counted batch of fresh tasks, so the batch is sized from the rate seen so far. The warm-up
            // spends its whole time in batches of growing size, each sized from the last one's rate: a short profile
            // with no earlier round to learn from then measures at the warm rate, not at a first guess of 300/s
            // whose few hundred calls ran mostly before the JIT had compiled them.
            double rate = rates.getOrDefault(l.name + " " + op, 300.0);
            if (warm) {
                long warmEnd = System.nanoTime() + (long) (warmup * 1e9);
                int warmed = 0;
                do {
                    double left = Math.max(0.05, (warmEnd - System.nanoTime()) / 1e9);
                    int batch = (int) Math.max(20, Math.min(maxOps / 2 - warmed, rate * Math.min(left, warmup / 3)));
                    if (batch <= 0) {
                        break;
                    }
                    rate = runWrites(l, b, threads, batch, null);
                    warmed += batch;
                } while (System.nanoTime() < warmEnd && warmed < maxOps / 2);
            }
            int batch = (int) Math.max(50 / slices, Math.min(maxOps / slices, rate * slice * 1.1));
            rates.put(l.name + " " + op, runWrites(l, b, threads, batch, into));
        } else {
            Runnable call = readCall(l, b, deep);
            int cap = b.equals("create") ? maxOps : Integer.MAX_VALUE; // only creating adds to the heap
            if (warm) {
                runTimed(call, threads, warmup, cap / 2, null);
            }
            collectFirst(l);
            runTimed(call, threads, slice, cap / slices, into);
        }
    }

    private static Runnable readCall(Loaded l, String op, int deep) {
        TaskSystem s = l.sys;
        switch (op) {
            case "create":
                return () -> s.create("writer");
            case "get":
                return () -> s.get(l.sample.get(ThreadLocalRandom.current().nextInt(l.sample.size())));
            case "page250":
                return () -> check(s.page(HEAVY, 0, 250));
            case "page250Deep":
                return () -> check(s.page(HEAVY, deep, 250));
            case "pageAfter":
                return () -> check(s.pageAfter(HEAVY, l.deepPosition, 250));
            case "count":
                return () -> s.count("owner-" + ThreadLocalRandom.current().nextInt(OWNERS + 1));
            case "summary":
                return () -> s.summary("owner-" + ThreadLocalRandom.current().nextInt(OWNERS + 1));
            default:
                throw new IllegalArgumentException("unknown operation " + op);
        }
    }

    private static void check(int pageSize) {
        if (pageSize == 0) {
            throw new IllegalStateException(
                    "an empty page: the heavy owner's list is shorter than the benchmark assumes");
        }
    }

    /** Runs a read for a time on some threads; adds its calls and their time to {@code r} unless null. */
    private static void runTimed(Runnable call, int threads, double seconds, int maxOps, Window r) throws Exception {
        long duration = (long) (seconds * 1e9);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> parts = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                parts.add(pool.submit(() -> {
                    long[] lat = new long[1024];
                    int k = 0;
                    long end = start + duration;
                    long now = System.nanoTime();
                    do {
                        call.run();
                        long after = System.nanoTime();
                        if (k == lat.length) {
                            lat = Arrays.copyOf(lat, k * 2);
                        }
                        lat[k++] = after - now;
                        now = after;
                    } while (now < end && k < maxOps / threads);
                    return Arrays.copyOf(lat, k);
                }));
            }
            List<long[]> lats = new ArrayList<>();
            for (Future<long[]> f : parts) {
                lats.add(f.get());
            }
            long elapsed = System.nanoTime() - start;
            if (r != null) {
                r.add(merge(lats), elapsed);
            }
        } finally {
            pool.shutdown();
        }
    }

    /**
     * The in-memory store's calls take microseconds, so one collection of the garbage other systems left in the shared
     * heap can dominate its window: each of its measured slices starts after a full collection (not timed).
     */
    private static void collectFirst(Loaded l) {
        if (l.name.equals("workitems-memory")) {
            System.gc();
        }
    }

    /**
     * Prepares {@code count} fresh tasks (not measured), then runs the write on each of them; adds the calls to
     * {@code r} unless null; returns ops/s.
     */
    private static double runWrites(Loaded l, String op, int threads, int count, Window r) throws Exception {
        TaskSystem s = l.sys;
        List<String[]> fresh = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            fresh.add(s.create("owner-" + (1 + i % OWNERS)));
        }
        if (r != null) {
            collectFirst(l);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> parts = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                List<String[]> mine = fresh.subList(t * count / threads, (t + 1) * count / threads);
                parts.add(pool.submit(() -> {
                    long[] lat = new long[mine.size()];
                    int k = 0;
                    long now = System.nanoTime();
                    for (String[] task : mine) {
                        switch (op) {
                            case "complete":
                                s.complete(task[0]);
                                break;
                            case "approve":
                                s.approve(task[0], task[1]);
                                break;
                            case "approveAll":
                                s.approveAll(task[0]);
                                break;
                            case "forward":
                                s.forward(task[0], "target");
                                break;
                            default:
                                throw new IllegalArgumentException(op);
                        }
                        long after = System.nanoTime();
                        lat[k++] = after - now;
                        now = after;
                    }
                    return lat;
                }));
            }
            List<long[]> lats = new ArrayList<>();
            for (Future<long[]> f : parts) {
                lats.add(f.get());
            }
            long elapsed = System.nanoTime() - start;
            if (r != null) {
                r.add(merge(lats), elapsed);
            }
            return count / (elapsed / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    private static long[] merge(List<long[]> parts) {
        long[] all = new long[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (long[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static void log(String format, Object... args) {
        System.out.printf("[%s] %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS), String.format(format, args));
    }

    /** @return a line about this machine */
    static String machine() {
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version");
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    os = line.substring(12).replace("\"", "") + " (" + System.getProperty("os.version") + ")";
                }
            }
        } catch (IOException ignored) {
            // not Linux: the JVM's names will do
        }
        return Runtime.getRuntime().availableProcessors() + " cores, " + (memory >> 30) + " GiB, " + os + "; "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB";
    }
}
