package dev.workitems.testkit;

import dev.workitems.ApprovalItem;
import dev.workitems.Caller;
import dev.workitems.ForwardRequest;
import dev.workitems.HistoryEvent;
import dev.workitems.LifecycleOptions;
import dev.workitems.ListPosition;
import dev.workitems.ListQuery;
import dev.workitems.NewApprovalItem;
import dev.workitems.NewWorkItem;
import dev.workitems.Page;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemCount;
import dev.workitems.WorkItemState;
import dev.workitems.WorkItemSummary;
import dev.workitems.WorkItemType;
import dev.workitems.WorkItems;
import dev.workitems.WorkItemsException;
import dev.workitems.spi.InMemoryIdentityDirectory;
import dev.workitems.spi.WorkItemRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Our model-based property harness. It generates random sequences of operations by random callers, runs each against
 * the real service (over a fresh store) and against {@link ReferenceModel}, and after every step checks: the same
 * outcome (success or the same error kind, and the same result); each owner's count equals the length of its list and
 * walking its pages yields each item exactly once, in order; {@code summary.total = open + completed}; every item is in
 * exactly one list; every item's state, owner, approvals, times, version and history length agree with the model; the
 * event feed, read on from the last position after every step, holds exactly every item's history, and its last event
 * of each item names the item's current version, owner and state; items may carry timer plans, and a sweep applies
 * exactly the reminders and escalation steps the model says are due, in order; admins set and delete Work Reassignment
 * rules and turn them off, and creates and forwards land where the model's own chain says, with the rules themselves
 * compared after every step; a durable subscription (where the store keeps them) has delivered exactly that feed, once,
 * in order; and a failed call changed nothing at all.
 *
 * <p>Every run is reproducible: sequence {@code i} of a run with seed {@code s} is generated from the {@code i}-th long
 * of {@code new SplittableRandom(s)}, and ids and times are derived from that sequence seed. A failing sequence is
 * shrunk (chunks, then single steps, are dropped while it still fails) before it is reported, with the seed that
 * reproduces it.
 *
 * <p>Knobs (system properties): {@code workitems.pbt.seed}, {@code workitems.pbt.sequences} (default: the store's),
 * {@code workitems.pbt.steps} (most steps per sequence, default 40), {@code workitems.pbt.sequenceSeed} (run only the
 * one sequence a failure reported).
 */
public final class ModelBasedHarness {

    /** The people steps refer to by index: four known identities, then one the directory does not know. */
    static final List<String> PEOPLE = List.of(Fixture.FRED, Fixture.GINGER, Fixture.CYD, Fixture.ADA, Fixture.NOBODY);
    /** The callers steps refer to by index: plain users, an admin, a forward role, and an unknown identity. */
    static final List<Caller> CALLERS = List.of(
            Caller.of(Fixture.FRED),
            Caller.of(Fixture.GINGER),
            Caller.of(Fixture.CYD),
            Caller.of(Fixture.ADA, "ORG_ADMIN"),
            Caller.of(Fixture.CYD, "ROLE_ADMIN"),
            Caller.of(Fixture.NOBODY));

    /**
     * The timer plans a created item may carry, in words, by index (0: none); times count from the item's creation.
     * {@link #timers(int)} builds them for the service; the model has its own copy of each rule.
     */
    static final List<String> TIMER_PLANS = List.of(
            "none",
            "remind after 500 ms, then every 300 ms, 3 in all",
            "notify cyd at 400 ms, reassign to the owner's manager at 800 ms, expire at 1500 ms",
            "deadline at 1000 ms: remind 200 ms before it, reject what is left at it, expire 1000 ms after it",
            "remind after 100 ms then every 250 ms (8 in all); reassign to ginger at 300 ms, approve what is left at"
                    + " 600 ms, reassign to the owner's manager at 900 ms");

    private static java.time.Duration ms(long millis) {
        return java.time.Duration.ofMillis(millis);
    }

    /** @return plan {@code index} of {@link #TIMER_PLANS} as the service takes it; null for none */
    static dev.workitems.Timers timers(int index) {
        var at = (java.util.function.LongFunction<dev.workitems.Timers.At>)
                m -> dev.workitems.Timers.At.afterCreation(ms(m));
        var b = dev.workitems.Timers.builder();
        switch (index) {
            case 1 -> b.reminders(dev.workitems.Timers.Reminders.every(at.apply(500), ms(300), 3));
            case 2 ->
                b.step(dev.workitems.Timers.Step.notify(at.apply(400), Fixture.CYD))
                        .step(dev.workitems.Timers.Step.reassignResolved(at.apply(800)))
                        .step(dev.workitems.Timers.Step.expire(at.apply(1500), "late"));
            case 3 ->
                b.dueAfter(ms(1000))
                        .reminders(dev.workitems.Timers.Reminders.once(dev.workitems.Timers.At.beforeDeadline(ms(200))))
                        .step(dev.workitems.Timers.Step.rejectRemaining(dev.workitems.Timers.At.deadline()))
                        .step(dev.workitems.Timers.Step.expire(
                                dev.workitems.Timers.At.afterDeadline(ms(1000)), "past the deadline"));
            case 4 ->
                b.reminders(dev.workitems.Timers.Reminders.every(at.apply(100), ms(250), 8))
                        .step(dev.workitems.Timers.Step.reassignTo(at.apply(300), Fixture.GINGER))
                        .step(dev.workitems.Timers.Step.approveRemaining(at.apply(600)))
                        .step(dev.workitems.Timers.Step.reassignResolved(at.apply(900)));
            default -> {
                return null;
            }
        }
        return b.build();
    }

    private static final List<LifecycleOptions> OPTIONS =
            List.of(LifecycleOptions.DEFAULTS, new LifecycleOptions(true, true), new LifecycleOptions(false, false));
    private static final int[] LIMITS = {-1, 0, 1, 2, 3, 5, 250, 251};
    private static final int[] OFFSETS = {-1, 0, 0, 1, 2, 4, 9};
    private static final long START = Instant.parse("2026-03-01T08:00:00Z").toEpochMilli();
    private static final int SHRINK_BUDGET = 3000;

    private ModelBasedHarness() {}

    /**
     * @param seed the run's seed
     * @param sequences how many sequences to run
     * @param maxSteps the most steps a sequence has
     * @param sequenceSeed if not null, run only the sequence with this seed
     */
    record Config(long seed, int sequences, int maxSteps, Long sequenceSeed) {

        /**
         * @param defaultSequences sequences to run unless {@code workitems.pbt.sequences} says otherwise
         * @return the configuration the system properties give, with a fresh random seed unless one is set
         */
        static Config fromSystemProperties(int defaultSequences) {
            String seed = System.getProperty("workitems.pbt.seed", "");
            String one = System.getProperty("workitems.pbt.sequenceSeed", "");
            return new Config(
                    seed.isBlank() ? new SplittableRandom().nextLong() : Long.parseLong(seed.trim()),
                    Integer.getInteger("workitems.pbt.sequences", defaultSequences),
                    Integer.getInteger("workitems.pbt.steps", 40),
                    one.isBlank() ? null : Long.parseLong(one.trim()));
        }
    }

    /**
     * A failing sequence, shrunk: what failed, and the shortest sequence of steps found that still fails, each step in
     * words ("caller ginger approves approval item 2 of item 0"), so that a store's author can follow it by hand.
     */
    public static final class Failure {
        private final long sequenceSeed;
        private final int originalSize;
        private final List<Step> shrunk;
        private final String message;
        private final int shrinkRuns;

        Failure(long sequenceSeed, int originalSize, List<Step> shrunk, String message, int shrinkRuns) {
            this.sequenceSeed = sequenceSeed;
            this.originalSize = originalSize;
            this.shrunk = List.copyOf(shrunk);
            this.message = message;
            this.shrinkRuns = shrinkRuns;
        }

        /** @return the seed that regenerates the failing sequence */
        public long sequenceSeed() {
            return sequenceSeed;
        }

        /** @return how many steps it had up to the failure */
        public int originalSize() {
            return originalSize;
        }

        /** @return the shrunk sequence's steps, in words, in order */
        public List<String> steps() {
            return shrunk.stream().map(Step::describe).toList();
        }

        /** @return how the shrunk sequence fails: the step, in words, and what the store answered against the model */
        public String message() {
            return message;
        }

        /** @return how many candidate sequences the shrinker ran */
        public int shrinkRuns() {
            return shrinkRuns;
        }

        List<Step> shrunk() {
            return shrunk;
        }

        /** @return a readable report: the failure, the steps, and how to rerun it */
        public String report() {
            StringBuilder sb = new StringBuilder("model-based test failed: ")
                    .append(message)
                    .append('\n')
                    .append("shrunk from ")
                    .append(originalSize)
                    .append(" to ")
                    .append(shrunk.size())
                    .append(" steps (")
                    .append(shrinkRuns)
                    .append(" shrink runs):\n");
            List<String> steps = steps();
            for (int i = 0; i < steps.size(); i++) {
                sb.append("  step ").append(i).append(": ").append(steps.get(i)).append('\n');
            }
            return sb.append("rerun this sequence with -Dworkitems.pbt.sequenceSeed=")
                    .append(sequenceSeed)
                    .toString();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Failure f
                    && f.sequenceSeed == sequenceSeed
                    && f.originalSize == originalSize
                    && f.shrunk.equals(shrunk)
                    && f.message.equals(message)
                    && f.shrinkRuns == shrinkRuns;
        }

        @Override
        public int hashCode() {
            return Objects.hash(sequenceSeed, originalSize, shrunk, message, shrinkRuns);
        }

        @Override
        public String toString() {
            return report();
        }
    }

    /**
     * @param seed the run's seed
     * @param sequences sequences run
     * @param steps steps run (not counting shrinking)
     * @param outcomes how many steps ended in success and in each kind of error
     * @param failure the first failure, shrunk; null if every sequence passed
     */
    public record Result(long seed, int sequences, long steps, Map<String, Long> outcomes, Failure failure) {
        /** @return one line for the test log */
        public String summary() {
            return "model-based: " + sequences + " sequences, " + steps + " steps " + outcomes + ", seed " + seed
                    + (failure == null ? ", all passed" : ", FAILED") + " (rerun with -Dworkitems.pbt.seed=" + seed
                    + ")";
        }
    }

    /**
     * Runs sequences of steps, each on a fresh store; stops at the first failure and shrinks it.
     *
     * @param seed the run's seed: the same seed runs the same sequences
     * @param sequences how many sequences to run
     * @param maxSteps the most steps a sequence has
     * @param sequenceSeed if not null, run only the sequence with this seed (as a failure report names it)
     * @param stores makes a fresh, empty store
     * @param release closes a store after its sequence
     * @return what ran, and the shrunk failure if any
     */
    public static Result run(
            long seed,
            int sequences,
            int maxSteps,
            Long sequenceSeed,
            Supplier<WorkItemRepository> stores,
            Consumer<WorkItemRepository> release) {
        return run(new Config(seed, sequences, maxSteps, sequenceSeed), stores, release);
    }

    static Result run(Config config, Supplier<WorkItemRepository> stores, Consumer<WorkItemRepository> release) {
        SplittableRandom seeds = new SplittableRandom(config.seed());
        long steps = 0;
        Map<String, Long> outcomes = new java.util.TreeMap<>();
        int count = config.sequenceSeed() != null ? 1 : config.sequences();
        for (int n = 0; n < count; n++) {
            long seqSeed = config.sequenceSeed() != null ? config.sequenceSeed() : seeds.nextLong();
            List<Step> seq = generate(new SplittableRandom(seqSeed), config.maxSteps());
            Outcome out = execute(seqSeed, seq, stores, release);
            steps += out.stepsRun;
            out.outcomes.forEach((k, v) -> outcomes.merge(k, v, Long::sum));
            if (out.error != null) {
                Failure f = shrink(seqSeed, seq.subList(0, out.stepsRun), out.error, stores, release);
                return new Result(config.seed(), n + 1, steps, outcomes, f);
            }
        }
        return new Result(config.seed(), count, steps, outcomes, null);
    }

    /**
     * Runs a failure's shrunk sequence again on a fresh store, for example to check that a fix holds.
     *
     * @param failure a failure a run reported
     * @param stores makes a fresh store
     * @param release closes it
     * @return null if it passes, else how it fails
     */
    public static String replay(
            Failure failure, Supplier<WorkItemRepository> stores, Consumer<WorkItemRepository> release) {
        return replay(failure.sequenceSeed(), failure.shrunk(), stores, release);
    }

    static String replay(
            long sequenceSeed,
            List<Step> steps,
            Supplier<WorkItemRepository> stores,
            Consumer<WorkItemRepository> release) {
        return execute(sequenceSeed, steps, stores, release).error;
    }

    // ---- generation ------------------------------------------------------------------------------------------

    static List<Step> generate(SplittableRandom r, int maxSteps) {
        int n = Math.max(1, maxSteps / 2 + r.nextInt(maxSteps / 2 + 1));
        List<Step> steps = new ArrayList<>(n);
        int creates = 0;
        for (int i = 0; i < n; i++) {
            int roll = r.nextInt(130); // 100-109: a sweep; 110 and up: reassignment rules
            int item = creates == 0 || r.nextInt(15) == 0 ? creates : r.nextInt(creates);
            int caller = pickCaller(r);
            Step s;
            if (roll < 18 || creates == 0 && roll < 50) {
                boolean unknownOwner = r.nextInt(15) == 0;
                s = new Step.Create(
                        unknownOwner ? 4 : r.nextInt(4),
                        r.nextInt(3) == 0 ? -1 : r.nextInt(r.nextInt(20) == 0 ? 5 : 4),
                        r.nextInt(4),
                        r.nextInt(4) == 0,
                        r.nextInt(3) == 0 ? 0 : r.nextInt(TIMER_PLANS.size()));
                creates++;
            } else if (roll < 24) {
                s = new Step.Tick(r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(r.nextInt(4) == 0 ? 2500 : 1000));
            } else if (roll >= 110) {
                int kind = r.nextInt(10);
                s = kind < 6
                        ? new Step.SetRule(
                                r.nextInt(20) == 0 ? 4 : r.nextInt(4),
                                r.nextInt(20) == 0 ? 4 : r.nextInt(4),
                                r.nextBoolean(),
                                r.nextBoolean() ? 0 : r.nextInt(1500),
                                r.nextInt(3) == 0 ? -1 : 1 + r.nextInt(3000))
                        : kind < 9
                                ? new Step.DeleteRule(r.nextInt(4), r.nextBoolean())
                                : new Step.RuleSwitch(r.nextBoolean());
            } else if (roll >= 100) {
                s = new Step.Sweep(r.nextBoolean());
            } else if (roll < 34) {
                s = new Step.ListPage(
                        Math.max(0, caller),
                        r.nextInt(3) == 0 ? -1 : r.nextInt(5),
                        r.nextBoolean(),
                        LIMITS[r.nextInt(LIMITS.length)],
                        OFFSETS[r.nextInt(OFFSETS.length)],
                        r.nextBoolean());
            } else if (roll < 40) {
                s = new Step.Count(Math.max(0, caller), r.nextInt(3) == 0 ? -1 : r.nextInt(5), r.nextInt(3));
            } else if (roll < 45) {
                s = new Step.Get(caller, item);
            } else if (roll < 48) {
                s = new Step.History(caller, item);
            } else if (roll < 56) {
                s = new Step.Complete(caller, item);
            } else if (roll < 70) {
                s = new Step.Decide(caller, item, r.nextInt(12) == 0 ? 3 : r.nextInt(3), r.nextBoolean());
            } else if (roll < 77) {
                s = new Step.Bulk(caller, item, r.nextBoolean());
            } else if (roll < 87) {
                s = new Step.Forward(caller, item, r.nextInt(5), r.nextInt(12) == 0, r.nextBoolean());
            } else if (roll < 93) {
                s = new Step.Submit(caller, item, r.nextInt(8) == 0 ? -1 : r.nextInt(2));
            } else {
                s = new Step.Host(item, r.nextInt(3));
            }
            steps.add(s);
        }
        return steps;
    }

    /** Caller index meaning "whoever owns the item when the step runs". */
    static final int ITEM_OWNER = -1;

    private static int pickCaller(SplittableRandom r) {
        // The item's owner acts most of the time, so that most calls get past authorization.
        int roll = r.nextInt(20);
        return roll < 11 ? ITEM_OWNER : roll < 14 ? 3 : r.nextInt(CALLERS.size());
    }

    // ---- execution -------------------------------------------------------------------------------------------

    private record Outcome(int stepsRun, String error, Map<String, Long> outcomes) {}

    private static Outcome execute(
            long seqSeed, List<Step> steps, Supplier<WorkItemRepository> stores, Consumer<WorkItemRepository> release) {
        WorkItemRepository repo = stores.get();
        try {
            Run run = new Run(seqSeed, repo);
            for (int i = 0; i < steps.size(); i++) {
                try {
                    run.step(steps.get(i));
                } catch (AssertionError | RuntimeException e) {
                    return new Outcome(
                            i + 1,
                            "step " + i + ": " + steps.get(i).describe() + " -> " + run.readable(describe(e)),
                            run.outcomes);
                }
            }
            return new Outcome(steps.size(), null, run.outcomes);
        } finally {
            release.accept(repo);
        }
    }

    private static String describe(Throwable e) {
        String m = e instanceof AssertionError ? e.getMessage() : "unexpected " + e;
        return e.getCause() != null && !(e instanceof AssertionError) ? m + " caused by " + e.getCause() : m;
    }

    /** The state of one sequence's run: the real service, the model, and the ids created so far. */
    private static final class Run {
        final MutableClock clock = new MutableClock(Instant.ofEpochMilli(START));
        final RecordingNotifier notifier = new RecordingNotifier();
        /** What both instances' operation observer was told (the observer contract's recorder). */
        final ObserverContract.Recorder told = new ObserverContract.Recorder();

        final WorkItems svc;
        /**
         * A second instance of the service on the same store (a second host process): steps alternate between the two.
         */
        final WorkItems other;

        private int turn;
        final ReferenceModel model;
        final List<String> created = new ArrayList<>();
        final Caller admin = CALLERS.get(3);
        final Map<String, Long> outcomes = new java.util.TreeMap<>();
        /** The feed as read so far, after every step, each read continuing from the last position seen. */
        final List<dev.workitems.FeedEvent> feed = new ArrayList<>();
        /** A durable subscription on the first instance (when the store keeps subscriptions), and what it delivered. */
        final dev.workitems.Subscriptions.Subscription subscription;

        final List<dev.workitems.FeedEvent> delivered = new ArrayList<>();
        /** Whether the store keeps reassignment rules (the rule steps then run; else they are no-ops). */
        final boolean rulesKept;

        Run(long seqSeed, WorkItemRepository repo) {
            InMemoryIdentityDirectory dir = new InMemoryIdentityDirectory();
            for (int i = 0; i < 4; i++) {
                dir.put(PEOPLE.get(i), "Person " + i);
            }
            LifecycleOptions options = OPTIONS.get(Math.floorMod(seqSeed, OPTIONS.size()));
            // Both instances remember the items they see and start writes from them, whatever the store, so that every
            // run also checks that a write from an item the other instance has since changed is decided again.
            SeededIds ids = new SeededIds(seqSeed);
            svc = WorkItems.builder()
                    .storage(repo)
                    .identities(dir)
                    .clock(clock)
                    .ids(ids)
                    .notifier(notifier)
                    .timerNotifier(notifier)
                    .escalationResolver(Fixture.MANAGERS_RESOLVER)
                    .sweepBatch(2)
                    .options(options)
                    .itemCache(64)
                    .observer(told)
                    .build();
            other = WorkItems.builder()
                    .storage(repo)
                    .identities(dir)
                    .clock(clock)
                    .ids(ids)
                    .notifier(notifier)
                    .timerNotifier(notifier)
                    .escalationResolver(Fixture.MANAGERS_RESOLVER)
                    .sweepBatch(3)
                    .options(options)
                    .itemCache(64)
                    .observer(told)
                    .build();
            model = new ReferenceModel(options, START);
            rulesKept = repo instanceof dev.workitems.spi.ReassignmentStore;
            subscription = repo instanceof dev.workitems.spi.SubscriptionStore
                    ? svc.subscriptions()
                            .subscribe(
                                    "harness",
                                    delivered::add,
                                    dev.workitems.SubscriptionOptions.DEFAULTS.withBatchSize(3))
                    : null;
        }

        /** @return the text with the people's ids as their names and the items' ids as "item N", as steps say them */
        String readable(String text) {
            for (int i = 0; i < PEOPLE.size(); i++) {
                text = text.replace(PEOPLE.get(i), Step.PEOPLE.get(i));
            }
            for (int i = 0; i < created.size(); i++) {
                text = text.replace(created.get(i), "item " + i);
            }
            return text;
        }

        Caller caller(int index, String itemId) {
            if (index != ITEM_OWNER) {
                return CALLERS.get(index);
            }
            ReferenceModel.Item i = model.item(itemId);
            return Caller.of(i == null ? Fixture.FRED : i.owner);
        }

        String itemId(int index) {
            return index < created.size() ? created.get(index) : "no-such-item-" + index;
        }

        void step(Step step) {
            Map<String, Object> before = snapshot();
            Class<? extends RuntimeException> actual = null;
            Object result = null;
            ReferenceModel.Expect expect;
            Object expected = null;
            if (step instanceof Step.Tick t) {
                clock.advance(java.time.Duration.ofMillis(t.millis()));
                model.now += t.millis();
                expect = ReferenceModel.Expect.OK;
            } else {
                expect = null;
            }
            if (expect == null) {
                Call call = call(step);
                told.take(); // what the reads before the call told
                try {
                    result = call.real.get();
                } catch (WorkItemsException e) {
                    actual = e.getClass();
                }
                observed(step, told.take(), actual);
                expect = call.expect;
                expected = call.expected;
                outcomes.merge(actual == null ? "ok" : actual.getSimpleName().replace("Exception", ""), 1L, Long::sum);
                if (!Objects.equals(expect.error(), actual)) {
                    throw new AssertionError(
                            "expected " + name(expect.error()) + ", the store's service said " + name(actual));
                }
                if (expect.ok() && call.check != null) {
                    call.check.accept(result, expected);
                }
            }
            if (actual != null) {
                assertEqual(before, snapshot(), "a failed call changed something");
            }
            invariants();
        }

        /**
         * The operation observer was told of the step's call as the caller saw it: one operation, started and ended,
         * never nested, with the caller's outcome. None for the rule steps (Work Reassignment is not observed), and
         * none for a call refused before it reached the service (a request that does not build).
         */
        private static void observed(Step step, List<String> told, Class<?> actual) {
            // item-cache lookups and retried races are told between an operation's start and its end
            for (int i = 0; i < told.size(); i++) {
                boolean inner = told.get(i).startsWith("cache: ") || told.get(i).endsWith(": retried");
                if (inner && (i == 0 || i == told.size() - 1)) {
                    throw new AssertionError("the observer was told " + told.get(i) + " outside an operation: " + told);
                }
            }
            List<String> ops = told.stream()
                    .filter(l -> !l.startsWith("cache: ") && !l.endsWith(": retried"))
                    .toList();
            boolean rules =
                    step instanceof Step.SetRule || step instanceof Step.DeleteRule || step instanceof Step.RuleSwitch;
            if (rules || (actual != null && ops.isEmpty())) {
                if (!ops.isEmpty()) {
                    throw new AssertionError("the observer was told " + ops + " for a call that is not observed");
                }
                return;
            }
            String outcome = actual == null ? "ok" : actual.getSimpleName();
            String first = ops.isEmpty() ? "" : ops.get(0);
            String operation = first.endsWith(": started at depth 1") ? first.substring(0, first.indexOf(':')) : null;
            if (ops.size() != 2 || operation == null || !ops.get(1).equals(operation + ": " + outcome)) {
                throw new AssertionError(
                        "the observer should be told one operation ending " + outcome + ", was told " + ops);
            }
        }

        private static String name(Class<?> c) {
            return c == null ? "success" : c.getSimpleName();
        }

        /** A step prepared for both sides: the real call, and the model's expectation (applied to the model). */
        private record Call(
                Supplier<Object> real,
                ReferenceModel.Expect expect,
                Object expected,
                java.util.function.BiConsumer<Object, Object> check) {}

        private Call call(Step step) {
            WorkItems svc = (turn++ & 1) == 0 ? this.svc : this.other;
            if (step instanceof Step.Create c) {
                String owner = PEOPLE.get(c.owner());
                String requester = c.requester() < 0 ? null : PEOPLE.get(c.requester());
                ReferenceModel.Expect e = model.create(c.owner() < 4, c.requester() < 4);
                return new Call(
                        () -> {
                            NewWorkItem.Builder b = NewWorkItem.builder()
                                    .type(c.form() ? WorkItemType.FORM : WorkItemType.APPROVAL)
                                    .description("step item")
                                    .ownerId(owner);
                            if (requester != null) {
                                b.requesterId(requester);
                            }
                            for (int a = 0; a < c.approvals(); a++) {
                                b.approvalItem(NewApprovalItem.of("acct", "GitHub", "groups", "add", "v" + a));
                            }
                            if (c.form()) {
                                b.form(Fixture.accountSelectionForm());
                            }
                            if (c.timers() != 0) {
                                b.timers(timers(c.timers()));
                            }
                            WorkItem w = svc.create(b.build());
                            created.add(w.id());
                            model.created(
                                    w.id(),
                                    owner,
                                    requester,
                                    w.approvalItems() == null
                                            ? List.of()
                                            : w.approvalItems().stream()
                                                    .map(ApprovalItem::id)
                                                    .toList(),
                                    c.form(),
                                    c.timers());
                            return w;
                        },
                        e,
                        null,
                        (r, x) -> assertEqual(model.view(((WorkItem) r).id()), view((WorkItem) r), "created item"));
            }
            if (!rulesKept
                    && (step instanceof Step.SetRule
                            || step instanceof Step.DeleteRule
                            || step instanceof Step.RuleSwitch)) {
                return new Call(() -> null, ReferenceModel.Expect.OK, null, null); // this store keeps no rules
            }
            if (step instanceof Step.SetRule sr) {
                String identity = PEOPLE.get(sr.identity());
                String type = sr.accessRequests() ? "ACCESS_REQUESTS" : "MANUAL_TASKS";
                long start = model.now + sr.startIn();
                Long end = sr.lasts() < 0 ? null : start + sr.lasts();
                ReferenceModel.Expect e = model.setRule(identity, PEOPLE.get(sr.target()), type, start, end);
                return new Call(
                        () -> svc.reassignments()
                                .put(
                                        admin,
                                        identity,
                                        new dev.workitems.ReassignmentRequest(
                                                identity,
                                                PEOPLE.get(sr.target()),
                                                dev.workitems.ReassignmentConfigType.valueOf(type),
                                                Instant.ofEpochMilli(start),
                                                end == null ? null : Instant.ofEpochMilli(end))),
                        e,
                        null,
                        null);
            }
            if (step instanceof Step.DeleteRule dr) {
                String identity = PEOPLE.get(dr.identity());
                String type = dr.accessRequests() ? "ACCESS_REQUESTS" : "MANUAL_TASKS";
                return new Call(
                        () -> {
                            svc.reassignments()
                                    .delete(admin, identity, dev.workitems.ReassignmentConfigType.valueOf(type));
                            return null;
                        },
                        model.deleteRule(identity, type),
                        null,
                        null);
            }
            if (step instanceof Step.RuleSwitch rs) {
                model.rulesDisabled = rs.disabled();
                return new Call(
                        () -> svc.reassignments().setTenantSwitch(admin, rs.disabled()),
                        ReferenceModel.Expect.OK,
                        null,
                        null);
            }
            if (step instanceof Step.Sweep sweep) {
                ReferenceModel.Swept expected = model.sweep();
                WorkItems sweeper = sweep.second() ? other : this.svc;
                return new Call(sweeper::sweep, ReferenceModel.Expect.OK, expected, (r, x) -> {
                    dev.workitems.SweepResult got = (dev.workitems.SweepResult) r;
                    outcomes.merge("timerActions", (long) got.actions(), Long::sum);
                    assertEqual(
                            x,
                            new ReferenceModel.Swept(got.items(), got.reminders(), got.escalations(), got.failures()),
                            "what the sweep did (items, reminders, steps, failures)");
                });
            }
            if (step instanceof Step.ListPage l) {
                Caller caller = CALLERS.get(l.caller());
                String owner = l.owner() < 0 ? null : PEOPLE.get(l.owner());
                boolean validPaging = l.limit() >= 0 && l.limit() <= 250 && l.offset() >= 0;
                ReferenceModel.Expect e = validPaging
                        ? model.query(caller, owner)
                        : new ReferenceModel.Expect(dev.workitems.InvalidRequestException.class);
                Object expected = null;
                if (e.ok()) {
                    List<String> all = model.list(owner == null ? caller.identityId() : owner, l.completed());
                    List<String> page =
                            all.subList(Math.min(all.size(), l.offset()), Math.min(all.size(), l.offset() + l.limit()));
                    expected = List.of(page, l.count() ? (Object) (long) all.size() : "no total");
                }
                return new Call(
                        () -> {
                            ListQuery q = new ListQuery(owner, l.limit(), l.offset(), l.count());
                            return l.completed() ? svc.listCompleted(caller, q) : svc.listPending(caller, q);
                        },
                        e,
                        expected,
                        (r, x) -> {
                            Page<?> p = (Page<?>) r;
                            List<String> ids = p.items().stream()
                                    .map(w -> ((WorkItem) w).id())
                                    .toList();
                            assertEqual(x, List.of(ids, p.total() == null ? "no total" : (Object) p.total()), "page");
                        });
            }
            if (step instanceof Step.Count c) {
                Caller caller = CALLERS.get(c.caller());
                String owner = c.owner() < 0 ? null : PEOPLE.get(c.owner());
                ReferenceModel.Expect e = model.query(caller, owner);
                String o = owner == null ? caller.identityId() : owner;
                long open = model.list(o, false).size();
                long done = model.list(o, true).size();
                Object expected = switch (c.what()) {
                    case 0 -> new WorkItemCount(open);
                    case 1 -> new WorkItemCount(done);
                    default -> WorkItemSummary.of(open, done);
                };
                return new Call(
                        () -> switch (c.what()) {
                            case 0 -> svc.countPending(caller, owner);
                            case 1 -> svc.countCompleted(caller, owner);
                            default -> svc.summary(caller, owner);
                        },
                        e,
                        expected,
                        (r, x) -> assertEqual(x, r, "count"));
            }
            if (step instanceof Step.Get g) {
                String id = itemId(g.item());
                Caller caller = caller(g.caller(), id);
                return itemCall(() -> svc.get(caller, id), model.read(caller, id), id);
            }
            if (step instanceof Step.History h) {
                String id = itemId(h.item());
                Caller caller = caller(h.caller(), id);
                ReferenceModel.Expect e = model.read(caller, id);
                return new Call(
                        () -> svc.history(caller, id),
                        e,
                        null,
                        (r, x) -> assertEqual(model.item(id).events, ((List<?>) r).size(), "history length"));
            }
            if (step instanceof Step.Complete c) {
                String id = itemId(c.item());
                Caller caller = caller(c.caller(), id);
                return itemCall(() -> svc.complete(caller, id), model.complete(caller, id), id);
            }
            if (step instanceof Step.Decide d) {
                String id = itemId(d.item());
                Caller caller = caller(d.caller(), id);
                ReferenceModel.Item mi = model.item(id);
                List<String> approvals = mi == null ? List.of() : new ArrayList<>(mi.approvals.keySet());
                String approvalId = d.approval() < approvals.size() ? approvals.get(d.approval()) : "no-such-approval";
                return itemCall(
                        () -> d.approve() ? svc.approve(caller, id, approvalId) : svc.reject(caller, id, approvalId),
                        model.decide(caller, id, approvalId, d.approve()),
                        id);
            }
            if (step instanceof Step.Bulk b) {
                String id = itemId(b.item());
                Caller caller = caller(b.caller(), id);
                return itemCall(
                        () -> b.approve() ? svc.bulkApprove(caller, id) : svc.bulkReject(caller, id),
                        model.bulk(caller, id, b.approve()),
                        id);
            }
            if (step instanceof Step.Forward f) {
                String id = itemId(f.item());
                Caller caller = caller(f.caller(), id);
                String target = PEOPLE.get(f.target());
                ReferenceModel.Expect e =
                        model.forward(caller, id, target, f.target() < 4, f.blankComment(), f.sendNotifications());
                return new Call(
                        () -> {
                            svc.forward(
                                    caller,
                                    id,
                                    new ForwardRequest(
                                            target, f.blankComment() ? " " : "over to you", f.sendNotifications()));
                            return null;
                        },
                        e,
                        null,
                        (r, x) -> assertEqual(model.view(id), view(svc.get(admin, id)), "forwarded item"));
            }
            if (step instanceof Step.Submit s) {
                String id = itemId(s.item());
                Caller caller = caller(s.caller(), id);
                Map<String, Object> selection = s.selection() < 0 ? null : Map.of("account", "acct-" + s.selection());
                return itemCall(
                        () -> svc.submitAccountSelection(caller, id, selection),
                        model.submit(caller, id, selection),
                        id);
            }
            if (step instanceof Step.Host h) {
                String id = itemId(h.item());
                WorkItemState to = switch (h.kind()) {
                    case 0 -> WorkItemState.RETURNED;
                    case 1 -> WorkItemState.EXPIRED;
                    default -> WorkItemState.CANCELED;
                };
                return itemCall(
                        () -> switch (h.kind()) {
                            case 0 -> svc.returnItem("host", id, "returned by the host");
                            case 1 -> svc.expire("host", id, "expired by the host");
                            default -> svc.cancel("host", id, "canceled by the host");
                        },
                        model.host(id, to),
                        id);
            }
            throw new IllegalArgumentException("unknown step " + step);
        }

        private Call itemCall(Supplier<Object> real, ReferenceModel.Expect e, String id) {
            return new Call(real, e, null, (r, x) -> assertEqual(model.view(id), view((WorkItem) r), "returned item"));
        }

        private static Map<String, Object> view(WorkItem w) {
            Map<String, WorkItemState> approvals = new LinkedHashMap<>();
            if (w.approvalItems() != null) {
                w.approvalItems().forEach(a -> approvals.put(a.id(), a.state()));
            }
            return ReferenceModel.view(
                    w.id(),
                    w.ownerId(),
                    w.state(),
                    approvals,
                    w.accountSelection(),
                    w.modified() == null ? null : w.modified().toEpochMilli(),
                    w.completed() == null ? null : w.completed().toEpochMilli(),
                    w.version(),
                    w.timers() == null
                            ? null
                            : List.of(w.timers().remindersSent(), w.timers().stepsDone()));
        }

        /** Everything observable: every item as stored and its history, the counts, and the notifications. */
        private Map<String, Object> snapshot() {
            Map<String, Object> s = new LinkedHashMap<>();
            for (String id : created) {
                s.put(id, svc.get(admin, id));
                s.put(id + ":history", svc.history(admin, id));
            }
            for (String p : PEOPLE) {
                s.put(p + ":summary", svc.summary(admin, p));
            }
            s.put("notifications", notifier.received().size());
            s.put("timer notifications", notifier.timers().size());
            if (rulesKept) {
                s.put("rules", svc.reassignments().list(admin));
            }
            return s;
        }

        private void invariants() {
            Set<String> seen = new HashSet<>();
            for (String person : PEOPLE) {
                long pending = walk(person, false, 1, seen);
                long completed = walk(person, true, 1, seen);
                assertEqual(
                        model.list(person, false),
                        ids(svc.listPending(admin, new ListQuery(person, 250, 0, false))),
                        "pending list of " + person + " in one page");
                assertEqual(
                        model.list(person, true),
                        ids(svc.listCompleted(admin, new ListQuery(person, 250, 0, false))),
                        "completed list of " + person + " in one page");
                assertEqual(
                        model.list(person, false),
                        walkAfter(person, false, 2),
                        "pending list of " + person + " by keyset");
                assertEqual(
                        model.list(person, true),
                        walkAfter(person, true, 2),
                        "completed list of " + person + " by keyset");
                WorkItemSummary summary = svc.summary(admin, person);
                assertEqual(pending, summary.open(), "summary.open of " + person);
                assertEqual(completed, summary.completed(), "summary.completed of " + person);
                assertEqual(summary.open() + summary.completed(), summary.total(), "summary.total of " + person);
                assertEqual(pending, svc.countPending(admin, person).count(), "count of " + person);
                assertEqual(completed, svc.countCompleted(admin, person).count(), "completed count of " + person);
            }
            assertEqual(model.items.keySet(), seen, "every item is in exactly one list");
            Map<String, List<HistoryEvent>> histories = new LinkedHashMap<>();
            long events = 0;
            for (String id : created) {
                assertEqual(model.view(id), view(svc.get(admin, id)), "item " + id);
                List<HistoryEvent> h = svc.history(admin, id);
                assertEqual(model.item(id).events, h.size(), "history length of " + id);
                histories.put(id, h);
                events += h.size();
            }
            Map<String, List<HistoryEvent>> fromFeed = readFeed();
            if (subscription != null) {
                while (subscription.deliverOnce() > 0) {
                    // deliver everything so far, in batches of 3
                }
                assertEqual(feed, delivered, "what the subscription delivered, against the feed read so far");
            }
            histories.forEach((id, h) ->
                    assertEqual(h, fromFeed.getOrDefault(id, List.of()), "the feed read so far, for item " + id));
            assertEqual(events, (long) feed.size(), "feed events read so far (one per history entry)");
            assertEqual(model.notifications, notifier.received().size(), "notifications sent");
            if (rulesKept) {
                Map<String, Object> rules = new java.util.TreeMap<>();
                for (dev.workitems.ReassignmentRule r : svc.reassignments().list(admin)) {
                    rules.put(
                            r.identityId() + "/" + r.configType(),
                            new ReferenceModel.Rule(
                                    r.targetId(),
                                    r.start().toEpochMilli(),
                                    r.end() == null ? null : r.end().toEpochMilli()));
                }
                Map<String, Object> expected = new java.util.TreeMap<>();
                model.rules.forEach((who, mine) -> mine.forEach((type, rule) -> expected.put(who + "/" + type, rule)));
                assertEqual(expected, rules, "the reassignment rules");
                assertEqual(
                        model.rulesDisabled,
                        svc.reassignments().tenantSwitch(admin).disabled(),
                        "the tenant's reassignment switch");
            }
            assertEqual(model.timerNotifications, notifier.timers().size(), "reminders and escalations told");
        }

        /**
         * Reads the feed from the last position seen (alternating instances, like the steps), and checks that positions
         * increase and that each event's owner and state after its change are the item's at that version.
         */
        private Map<String, List<HistoryEvent>> readFeed() {
            WorkItems reader = (turn & 1) == 0 ? svc : other;
            while (true) {
                long after = feed.isEmpty() ? 0 : feed.get(feed.size() - 1).position();
                List<dev.workitems.FeedEvent> got = reader.feed(after, 3);
                if (got.isEmpty()) {
                    break;
                }
                for (dev.workitems.FeedEvent e : got) {
                    if (e.action() == dev.workitems.HistoryAction.REASSIGNED) {
                        outcomes.merge("reassignments", 1L, Long::sum);
                    }
                    if (e.position() <= after) {
                        throw new AssertionError("feed position " + e.position() + " after " + after);
                    }
                    after = e.position();
                }
                feed.addAll(got);
            }
            Map<String, List<HistoryEvent>> byItem = new LinkedHashMap<>();
            for (dev.workitems.FeedEvent e : feed) {
                byItem.computeIfAbsent(e.workItemId(), k -> new ArrayList<>()).add(e.history());
            }
            for (String id : created) {
                List<dev.workitems.FeedEvent> mine =
                        feed.stream().filter(e -> e.workItemId().equals(id)).toList();
                if (!mine.isEmpty()) {
                    dev.workitems.FeedEvent last = mine.get(mine.size() - 1);
                    WorkItem now = svc.get(admin, id);
                    assertEqual(now.version(), last.itemVersion(), "version of the last feed event of " + id);
                    assertEqual(now.ownerId(), last.ownerAfter(), "owner after the last feed event of " + id);
                    assertEqual(now.state(), last.stateAfter(), "state after the last feed event of " + id);
                }
            }
            return byItem;
        }

        private static List<String> ids(Page<WorkItem> page) {
            return page.items().stream().map(WorkItem::id).toList();
        }

        /** Walks one list by keyset pages (each page starts after the last item of the one before). */
        private List<String> walkAfter(String owner, boolean completed, int pageSize) {
            List<String> walked = new ArrayList<>();
            ListQuery q = new ListQuery(owner, pageSize, 0, false);
            for (int guard = 0; guard < 10_000; guard++) {
                List<WorkItem> page = (completed ? svc.listCompleted(admin, q) : svc.listPending(admin, q)).items();
                page.forEach(w -> walked.add(w.id()));
                if (page.size() < pageSize) {
                    return walked;
                }
                q = q.after(ListPosition.after(page.get(page.size() - 1)));
            }
            throw new AssertionError("keyset paging of " + owner + " never ends");
        }

        /** Walks one list page by page; checks each item appears once, in the model's order, and the total. */
        private long walk(String owner, boolean completed, int pageSize, Set<String> seen) {
            List<String> walked = new ArrayList<>();
            Long total = null;
            for (int offset = 0; ; offset += pageSize) {
                ListQuery q = new ListQuery(owner, pageSize, offset, offset == 0);
                Page<WorkItem> p = completed ? svc.listCompleted(admin, q) : svc.listPending(admin, q);
                if (offset == 0) {
                    total = p.total();
                }
                for (WorkItem w : p.items()) {
                    if (!seen.add(w.id())) {
                        throw new AssertionError("item " + w.id() + " appears twice across the lists (" + owner
                                + (completed ? " completed" : " pending") + ")");
                    }
                    if (!w.ownerId().equals(owner) || w.isCompleted() != completed) {
                        throw new AssertionError(
                                "item " + w.id() + " is in the wrong list: " + owner + "/" + completed);
                    }
                    walked.add(w.id());
                }
                if (p.items().size() < pageSize) {
                    break;
                }
                if (offset > 10_000) {
                    throw new AssertionError("paging of " + owner + " never ends");
                }
            }
            assertEqual(
                    model.list(owner, completed), walked, (completed ? "completed" : "pending") + " list of " + owner);
            assertEqual((long) walked.size(), total, "X-Total-Count of " + owner);
            return walked.size();
        }

        private static void assertEqual(Object expected, Object actual, String what) {
            if (!Objects.equals(expected, actual)) {
                throw new AssertionError(what + ": expected " + expected + ", the store said " + actual);
            }
        }
    }

    // ---- shrinking -------------------------------------------------------------------------------------------

    private static Failure shrink(
            long seqSeed,
            List<Step> failing,
            String firstError,
            Supplier<WorkItemRepository> stores,
            Consumer<WorkItemRepository> release) {
        List<Step> current = new ArrayList<>(failing);
        String error = firstError;
        int runs = 0;
        int chunk = Math.max(1, current.size() / 2);
        while (chunk >= 1 && runs < SHRINK_BUDGET) {
            boolean removed = false;
            for (int i = 0; i + chunk <= current.size() && runs < SHRINK_BUDGET; ) {
                List<Step> candidate = new ArrayList<>(current.subList(0, i));
                candidate.addAll(current.subList(i + chunk, current.size()));
                runs++;
                Outcome out = candidate.isEmpty()
                        ? new Outcome(0, null, Map.of())
                        : execute(seqSeed, candidate, stores, release);
                if (out.error != null) {
                    current = new ArrayList<>(candidate.subList(0, out.stepsRun));
                    error = out.error;
                    removed = true;
                } else {
                    i += chunk;
                }
            }
            if (!removed) {
                chunk /= 2;
            }
        }
        return new Failure(seqSeed, failing.size(), List.copyOf(current), error, runs);
    }
}
