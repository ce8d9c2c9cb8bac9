package dev.workitems.micrometer;

import dev.workitems.ConflictException;
import dev.workitems.ForbiddenException;
import dev.workitems.InvalidRequestException;
import dev.workitems.NotFoundException;
import dev.workitems.StorageFailureException;
import dev.workitems.WorkItems;
import dev.workitems.spi.OperationObserver;
import dev.workitems.spi.WorkItemRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Micrometer for workitems, with or without Spring: give it to {@code WorkItems.Builder#observer} and every operation
 * is timed by operation and outcome; bind the gauges for subscriptions and timers you want watched.
 *
 * <p>The meters (names and tags after Micrometer's conventions; never an item id or a person as a tag):
 *
 * <ul>
 *   <li>{@code workitems.operation} (timer): tags {@code operation} (the {@code WorkItems} method, e.g.
 *       {@code approve}) and {@code outcome}: {@code ok}, {@code invalid}, {@code forbidden}, {@code not_found},
 *       {@code conflict}, {@code storage_failure} or {@code error}. With an {@link ObservationRegistry}, each operation
 *       is an {@link Observation} of that name and those low-cardinality keys instead (a span with tracing; the timer
 *       comes from the registry's meter handler, as Spring Boot configures it).
 *   <li>{@code workitems.retries} (counter): lost races retried, tag {@code operation}.
 *   <li>{@code workitems.item.cache.gets} (counter): item-cache lookups of changes, tag {@code result} hit or miss.
 *   <li>{@code workitems.subscription.lag.events} and {@code workitems.subscription.lag} (gauges, seconds): events a
 *       subscription has still to handle (counted up to 10,000) and the age of the oldest of them, tag
 *       {@code subscription}.
 *   <li>{@code workitems.timers.due} and {@code workitems.timers.overdue} (gauges): items whose timers are due and not
 *       yet swept (counted up to 1,000), and how long the oldest has waited, in seconds.
 * </ul>
 *
 * Thread-safe.
 */
public final class WorkItemsMetrics implements OperationObserver {
    /** The largest lag in events the gauge counts. */
    public static final int MAX_LAG_COUNTED = 10_000;
    /** The largest due backlog the gauge counts. */
    public static final int MAX_DUE_COUNTED = 1_000;

    private final MeterRegistry registry;
    private final ObservationRegistry observations;
    // The meters by their tags, registered once: an operation records without building and looking up its meter.
    private final java.util.Map<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, Counter> counters = new java.util.concurrent.ConcurrentHashMap<>();

    private WorkItemsMetrics(MeterRegistry registry, ObservationRegistry observations) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.observations = observations;
    }

    /**
     * @param registry where the meters go
     * @return an observer that records a timer per operation and outcome
     */
    public static WorkItemsMetrics of(MeterRegistry registry) {
        return new WorkItemsMetrics(registry, null);
    }

    /**
     * @param registry where the counters and gauges go
     * @param observations where each operation is observed (its timer comes from the registry's handlers)
     * @return an observer that makes each operation an observation
     */
    public static WorkItemsMetrics of(MeterRegistry registry, ObservationRegistry observations) {
        return new WorkItemsMetrics(registry, Objects.requireNonNull(observations, "observations"));
    }

    @Override
    public Consumer<Throwable> start(String operation) {
        if (observations != null) {
            Observation o = Observation.createNotStarted("workitems.operation", observations)
                    .contextualName("workitems " + operation)
                    .lowCardinalityKeyValue("operation", operation)
                    .start();
            Observation.Scope scope = o.openScope();
            return failure -> {
                scope.close();
                o.lowCardinalityKeyValue("outcome", outcome(failure));
                if (failure != null) {
                    o.error(failure);
                }
                o.stop();
            };
        }
        long started = System.nanoTime();
        return failure -> timers.computeIfAbsent(
                        operation + '|' + outcome(failure),
                        k -> Timer.builder("workitems.operation")
                                .description("workitems operations, by operation and outcome")
                                .tag("operation", operation)
                                .tag("outcome", outcome(failure))
                                .register(registry))
                .record(Duration.ofNanos(System.nanoTime() - started));
    }

    @Override
    public void retried(String operation) {
        counters.computeIfAbsent(
                        "retries|" + operation,
                        k -> Counter.builder("workitems.retries")
                                .description("changes that lost a race with a concurrent writer and were tried again")
                                .tag("operation", operation)
                                .register(registry))
                .increment();
    }

    @Override
    public void cacheLookup(boolean hit) {
        counters.computeIfAbsent(
                        hit ? "cache|hit" : "cache|miss",
                        k -> Counter.builder("workitems.item.cache.gets")
                                .description("item-cache lookups of changes")
                                .tag("result", hit ? "hit" : "miss")
                                .register(registry))
                .increment();
    }

    /**
     * @param failure what an operation threw, or null
     * @return its outcome tag
     */
    static String outcome(Throwable failure) {
        if (failure == null) {
            return "ok";
        }
        if (failure instanceof InvalidRequestException) {
            return "invalid";
        }
        if (failure instanceof ForbiddenException) {
            return "forbidden";
        }
        if (failure instanceof NotFoundException) {
            return "not_found";
        }
        if (failure instanceof ConflictException) {
            return "conflict";
        }
        if (failure instanceof StorageFailureException) {
            return "storage_failure";
        }
        return "error";
    }

    /**
     * Gauges of how far a subscription is behind the feed, read when the registry is scraped.
     *
     * @param workItems the service
     * @param subscription the subscription's name
     * @param clock the service's clock, for the age of the oldest event not handled
     * @return this
     */
    public WorkItemsMetrics bindSubscriptionLag(WorkItems workItems, String subscription, Clock clock) {
        Gauge.builder("workitems.subscription.lag.events", () -> Backlogs.lagEvents(workItems, subscription))
                .description("feed events the subscription has still to handle (counted up to 10,000)")
                .tag("subscription", subscription)
                .register(registry);
        Gauge.builder("workitems.subscription.lag", () -> Backlogs.lagSeconds(workItems, subscription, clock))
                .description("age of the oldest feed event the subscription has still to handle")
                .tag("subscription", subscription)
                .baseUnit("seconds")
                .register(registry);
        return this;
    }

    /**
     * Gauges of the timers' backlog: items due and not yet swept, read from the store when the registry is scraped.
     *
     * @param storage the service's store
     * @param clock the service's clock
     * @return this
     */
    public WorkItemsMetrics bindDueBacklog(WorkItemRepository storage, Clock clock) {
        Gauge.builder("workitems.timers.due", () -> Backlogs.due(storage, clock))
                .description("items whose timers are due and not yet swept (counted up to 1,000)")
                .register(registry);
        Gauge.builder("workitems.timers.overdue", () -> Backlogs.overdueSeconds(storage, clock))
                .description("how long the oldest due timer has waited for a sweep")
                .baseUnit("seconds")
                .register(registry);
        return this;
    }
}
