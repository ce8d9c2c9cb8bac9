package dev.workitems;

import static dev.workitems.Checks.notBlank;
import static dev.workitems.Checks.notNull;

import dev.workitems.spi.FeedHandler;
import dev.workitems.spi.FeedQuery;
import dev.workitems.spi.SubscriptionStore;
import dev.workitems.spi.SubscriptionStore.ParkedEvent;
import dev.workitems.spi.SubscriptionStore.SubscriptionAdvance;
import dev.workitems.spi.SubscriptionStore.SubscriptionChange;
import dev.workitems.spi.SubscriptionStore.SubscriptionClaim;
import dev.workitems.spi.SubscriptionStore.SubscriptionState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** Durable subscriptions over a {@link SubscriptionStore}: leases, positions, retries with back-off, parking. */
final class SubscriptionService implements Subscriptions {
    private static final System.Logger LOG = System.getLogger(SubscriptionService.class.getName());

    private final WorkItems feed;
    private final SubscriptionStore store;
    private final Clock clock;
    /** This instance's name in leases: random per service unless the host names it. */
    private final String instance;

    private final List<Runner> running = new CopyOnWriteArrayList<>();
    /** Every subscription registered on this instance, so that an admin change made here reaches it at once. */
    private final List<Runner> registered = new CopyOnWriteArrayList<>();

    SubscriptionService(WorkItems feed, SubscriptionStore store, Clock clock, String instance) {
        this.instance =
                instance != null ? instance : UUID.randomUUID().toString().replace("-", "");
        this.feed = feed;
        this.store = store;
        this.clock = clock;
    }

    /** Wakes every running subscription of this instance: something was just stored. */
    void wake() {
        for (Runner r : running) {
            r.wake();
        }
    }

    @Override
    public Subscription subscribe(String name, FeedHandler handler, SubscriptionOptions options) {
        notBlank(name, "name");
        notNull(handler, "handler");
        notNull(options, "options");
        Runner r = new Runner(name, handler, options);
        registered.add(r);
        return r;
    }

    @Override
    public List<SubscriptionState> list() {
        return storage(store::subscriptions);
    }

    @Override
    public boolean replayAfter(String name, long afterPosition) {
        return storage(() -> changed(
                name, store.change(new SubscriptionChange(name, SubscriptionChange.Kind.RESET, afterPosition))));
    }

    @Override
    public boolean replayFrom(String name, Instant from) {
        notNull(from, "from");
        long after = 0;
        long before = -1;
        while (before < 0) {
            List<FeedEvent> page = feed.feed(after, FeedQuery.MAX_LIMIT);
            if (page.isEmpty()) {
                before = after;
                break;
            }
            for (FeedEvent e : page) {
                if (!e.at().isBefore(from)) {
                    before = after;
                    break;
                }
                after = e.position();
            }
        }
        long position = before;
        return storage(() ->
                changed(name, store.change(new SubscriptionChange(name, SubscriptionChange.Kind.RESET, position))));
    }

    @Override
    public boolean retryParked(String name, long position) {
        return storage(() ->
                changed(name, store.change(new SubscriptionChange(name, SubscriptionChange.Kind.RETRY, position))));
    }

    @Override
    public boolean dropParked(String name, long position) {
        return storage(() ->
                changed(name, store.change(new SubscriptionChange(name, SubscriptionChange.Kind.DROP, position))));
    }

    /** Makes this instance's subscriptions of that name read their state again at their next round. */
    private boolean changed(String name, boolean applied) {
        for (Runner r : registered) {
            if (r.name.equals(name)) {
                r.held = null;
            }
        }
        return applied;
    }

    private static <T> T storage(Supplier<T> call) {
        return WorkItemService.storage(call);
    }

    /** One subscription on this instance; rounds are serialized by {@code round}. */
    private final class Runner implements Subscription {
        private final String name;
        private final FeedHandler handler;
        private final SubscriptionOptions options;
        private final ReentrantLock round = new ReentrantLock();
        private final ReentrantLock signal = new ReentrantLock();
        private final Condition woken = signal.newCondition();
        private boolean pending;
        private volatile boolean stopped;
        private Thread thread;
        /** The event that failed last, how often in a row, and when it may be tried again. */
        private long failingPosition = -1;

        private int failures;
        private Instant nextAttempt;
        /** What this instance last knew while holding the lease: renewed only once half of it has passed. */
        private volatile SubscriptionState held;

        Runner(String name, FeedHandler handler, SubscriptionOptions options) {
            this.name = name;
            this.handler = handler;
            this.options = options;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int deliverOnce() {
            round.lock();
            try {
                return storage(this::round);
            } finally {
                round.unlock();
            }
        }

        private int round() {
            Instant now = clock.instant();
            SubscriptionState state = held;
            if (state == null
                    || now.isAfter(state.leaseUntil().minus(options.lease().dividedBy(2)))) {
                Optional<SubscriptionState> claimed =
                        store.claim(new SubscriptionClaim(name, instance, now, now.plus(options.lease()), 0));
                held = claimed.orElse(null);
                if (claimed.isEmpty()) {
                    return 0;
                }
                state = claimed.get();
            }
            int handled = retryParked(state, now);
            if (handled > 0) {
                return handled;
            }
            if (nextAttempt != null && now.isBefore(nextAttempt)) {
                return 0;
            }
            long position = state.position();
            List<ParkedEvent> park = new ArrayList<>();
            for (FeedEvent e : feed.feed(position, options.batchSize())) {
                Exception failure = handle(e);
                if (failure != null) {
                    failures = e.position() == failingPosition ? failures + 1 : 1;
                    failingPosition = e.position();
                    if (failures < options.maxAttempts()) {
                        nextAttempt = now.plus(backoff(failures));
                        LOG.log(
                                System.Logger.Level.WARNING,
                                "subscription " + name + ": handler failed on event " + e.position() + " (attempt "
                                        + failures + " of " + options.maxAttempts() + ")",
                                failure);
                        break;
                    }
                    LOG.log(
                            System.Logger.Level.ERROR,
                            "subscription " + name + ": event " + e.position() + " set aside after " + failures
                                    + " failures",
                            failure);
                    park.add(new ParkedEvent(e.position(), failures, describe(failure), now, false));
                }
                failingPosition = -1;
                failures = 0;
                nextAttempt = null;
                position = e.position();
                handled++;
            }
            if (position != state.position() || !park.isEmpty()) {
                boolean moved = store.advance(
                        new SubscriptionAdvance(name, instance, state.position(), position, park, List.of()));
                // Lost the lease, or an admin moved the position: claim again next round. Else go on from here.
                held = moved
                        ? new SubscriptionState(
                                name, position, instance, state.leaseUntil(), merge(state.parked(), park))
                        : null;
            }
            return handled;
        }

        private static List<ParkedEvent> merge(List<ParkedEvent> parked, List<ParkedEvent> more) {
            if (more.isEmpty()) {
                return parked;
            }
            List<ParkedEvent> all = new ArrayList<>(parked);
            all.addAll(more);
            return all;
        }

        /**
         * Delivers the parked events an admin asked to retry; each stays parked, with its new error, if it fails again.
         */
        private int retryParked(SubscriptionState state, Instant now) {
            int handled = 0;
            for (ParkedEvent p : state.parked()) {
                if (!p.retryRequested()) {
                    continue;
                }
                List<FeedEvent> found = feed.feed(p.position() - 1, 1);
                Exception failure =
                        found.isEmpty() || found.get(0).position() != p.position() ? null : handle(found.get(0));
                List<ParkedEvent> park = failure == null
                        ? List.of()
                        : List.of(new ParkedEvent(p.position(), p.attempts() + 1, describe(failure), now, false));
                List<Long> unpark = failure == null ? List.of(p.position()) : List.of();
                store.advance(
                        new SubscriptionAdvance(name, instance, state.position(), state.position(), park, unpark));
                held = null; // read the parked events again at the next round
                handled++;
            }
            return handled;
        }

        private Exception handle(FeedEvent e) {
            try {
                handler.handle(e);
                return null;
            } catch (Exception failure) {
                return failure;
            }
        }

        private Duration backoff(int failures) {
            Duration d = options.firstBackoff();
            for (int i = 1; i < failures && d.compareTo(options.maxBackoff()) < 0; i++) {
                d = d.multipliedBy(2);
            }
            return d.compareTo(options.maxBackoff()) > 0 ? options.maxBackoff() : d;
        }

        private static String describe(Exception e) {
            String s = e.toString();
            return s.length() > 2000 ? s.substring(0, 2000) : s;
        }

        void wake() {
            signal.lock();
            try {
                pending = true;
                woken.signalAll();
            } finally {
                signal.unlock();
            }
        }

        @Override
        public synchronized void start() {
            if (thread != null) {
                throw new IllegalStateException("subscription " + name + " is already started");
            }
            running.add(this);
            thread = new Thread(this::loop, "workitems-subscription-" + name);
            thread.setDaemon(true);
            thread.start();
        }

        private void loop() {
            while (!stopped) {
                int n;
                try {
                    n = deliverOnce();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "subscription " + name + ": round failed; trying again", e);
                    n = 0;
                }
                if (n == 0 && !stopped) {
                    awaitWork();
                }
            }
        }

        /** Waits for a local change or the poll interval, whichever comes first. */
        private void awaitWork() {
            signal.lock();
            try {
                long nanos = options.pollInterval().toNanos();
                while (!pending && !stopped && nanos > 0) {
                    nanos = woken.awaitNanos(nanos);
                }
                pending = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
            } finally {
                signal.unlock();
            }
        }

        @Override
        public void close() {
            stopped = true;
            running.remove(this);
            registered.remove(this);
            wake();
            Thread t;
            synchronized (this) {
                t = thread;
            }
            if (t != null && t != Thread.currentThread()) {
                try {
                    t.join(TimeUnit.SECONDS.toMillis(30));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public String toString() {
            return "Subscription[" + name + "]";
        }
    }

    @Override
    public String toString() {
        return "Subscriptions[instance " + instance + "]";
    }
}
