package dev.workitems.benchmarks.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * workitems and Flowable side by side, on the same data: {@code n} pending tasks with three approval items each, half
 * of them owned by {@code owner-0} (whose lists are paged), the rest spread over 1,000 owners. Reads run in throughput
 * mode; writes take fresh tasks prepared before each iteration (not measured) in batches of 200.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar CompareBenchmark -f 1 -wi 2 -i 3 -rf json -rff
 * results.json}.
 */
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class CompareBenchmark {
    static final String HEAVY = "owner-0";
    static final int BATCH = 200;

    /** The system and its data, for the whole trial. */
    @State(Scope.Benchmark)
    public static class Data {
        @Param({
            "workitems-memory",
            "workitems-sqlite",
            "workitems-postgres",
            "flowable-h2",
            "flowable-postgres",
            "floor-sqlite",
            "floor-postgres"
        })
        public String system;

        @Param({"20000"})
        public int n;

        TaskSystem sys;
        final List<String> sample = new ArrayList<>();
        final SplittableRandom random = new SplittableRandom(42);
        int deepOffset;

        @Setup(Level.Trial)
        public void load() {
            sys = Systems.open(system);
            sys.load(n, HEAVY, 1_000);
            for (int i = 0; i < 1_000; i++) {
                sample.add(sys.create("owner-" + (1 + i % 1_000))[0]);
            }
            deepOffset = Math.max(0, n / 2 - 250);
        }

        String owner() {
            return "owner-" + random.nextInt(1_001);
        }

        @TearDown(Level.Trial)
        public void close() {
            sys.close();
        }
    }

    /** Fresh pending tasks for the write benchmarks, made before each iteration and not measured. */
    @State(Scope.Benchmark)
    public static class Fresh {
        final List<String[]> tasks = new ArrayList<>();
        int next;

        @Setup(Level.Iteration)
        public void prepare(Data data) {
            tasks.clear();
            next = 0;
            for (int i = 0; i < BATCH; i++) {
                tasks.add(data.sys.create("owner-" + (1 + i % 1_000)));
            }
        }

        String[] take() {
            return tasks.get(next++);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Object get(Data d) {
        return d.sys.get(d.sample.get(d.random.nextInt(d.sample.size())));
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int page250(Data d) {
        return d.sys.page(HEAVY, 0, 250);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int page250Deep(Data d) {
        return d.sys.page(HEAVY, d.deepOffset, 250);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long count(Data d) {
        return d.sys.count(d.owner());
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long[] summary(Data d) {
        return d.sys.summary(d.owner());
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public String[] create(Data d) {
        return d.sys.create("writer");
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 3, batchSize = BATCH)
    @Measurement(iterations = 5, batchSize = BATCH)
    public void complete(Data d, Fresh f) {
        d.sys.complete(f.take()[0]);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 3, batchSize = BATCH)
    @Measurement(iterations = 5, batchSize = BATCH)
    public void approve(Data d, Fresh f) {
        String[] t = f.take();
        d.sys.approve(t[0], t[1]);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 3, batchSize = BATCH)
    @Measurement(iterations = 5, batchSize = BATCH)
    public void forward(Data d, Fresh f) {
        d.sys.forward(f.take()[0], "target");
    }
}
