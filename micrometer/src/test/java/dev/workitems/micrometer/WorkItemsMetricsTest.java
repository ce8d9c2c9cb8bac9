package dev.workitems.micrometer;

import static dev.workitems.testkit.Fixture.FRED;
import static dev.workitems.testkit.Fixture.GINGER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workitems.Caller;
import dev.workitems.ForbiddenException;
import dev.workitems.LifecycleOptions;
import dev.workitems.NewWorkItem;
import dev.workitems.NotFoundException;
import dev.workitems.SubscriptionOptions;
import dev.workitems.Subscriptions;
import dev.workitems.Timers;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemType;
import dev.workitems.spi.WorkItemRepository;
import dev.workitems.spi.WorkItemWrite;
import dev.workitems.storage.memory.InMemoryWorkItemRepository;
import dev.workitems.testkit.DelegatingRepository;
import dev.workitems.testkit.Fixture;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The meters and observations of workitems' operations, on the memory store, with the kit's fixture. */
class WorkItemsMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private Fixture fixture(WorkItemRepository storage, WorkItemsMetrics metrics, int itemCache) {
        return new Fixture(
                storage, LifecycleOptions.DEFAULTS, 41, b -> b.observer(metrics).itemCache(itemCache));
    }

    private long timed(String operation, String outcome) {
        var timer = registry.find("workitems.operation")
                .tag("operation", operation)
                .tag("outcome", outcome)
                .timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void eachOperationIsTimedByOperationAndOutcome() {
        Fixture fx = fixture(new InMemoryWorkItemRepository(), WorkItemsMetrics.of(registry), 0);
        WorkItem item = fx.approval(GINGER, 2);
        fx.service()
                .approve(
                        Caller.of(GINGER),
                        item.id(),
                        item.approvalItems().get(0).id());
        assertThrows(ForbiddenException.class, () -> fx.service().get(Caller.of(FRED), item.id()));
        assertThrows(NotFoundException.class, () -> fx.service().get(Caller.of(GINGER), "nope"));
        assertThrows(NotFoundException.class, () -> fx.service().get(Caller.of(GINGER), "nope either"));
        assertEquals(1, timed("create", "ok"));
        assertEquals(1, timed("approve", "ok"));
        assertEquals(1, timed("get", "forbidden"));
        assertEquals(2, timed("get", "not_found"));
        assertEquals(0, timed("get", "ok"));
        for (Meter m : registry.getMeters()) {
            for (var tag : m.getId().getTags()) {
                assertTrue(
                        !tag.getValue().equals(item.id()) && !tag.getValue().equals(GINGER),
                        "no item id or person as a tag: " + m.getId());
            }
        }
    }

    @Test
    void lostRacesAndCacheLookupsAreCounted() {
        WorkItemRepository real = new InMemoryWorkItemRepository();
        Fixture other = new Fixture(real, LifecycleOptions.DEFAULTS, 42, b -> {});
        WorkItem item = other.approval(GINGER, 3);
        boolean[] raced = {false};
        WorkItemRepository racing = new DelegatingRepository(real) {
            @Override
            public boolean update(WorkItemWrite write) {
                if (!raced[0]) {
                    raced[0] = true; // another writer changes the item just before this write lands
                    other.service()
                            .approve(
                                    Caller.of(GINGER),
                                    item.id(),
                                    item.approvalItems().get(2).id());
                }
                return super.update(write);
            }
        };
        Fixture fx = fixture(racing, WorkItemsMetrics.of(registry), 100);
        fx.service()
                .approve(
                        Caller.of(GINGER),
                        item.id(),
                        item.approvalItems().get(0).id());
        fx.service()
                .approve(
                        Caller.of(GINGER),
                        item.id(),
                        item.approvalItems().get(1).id());
        assertEquals(
                1.0,
                registry.get("workitems.retries")
                        .tag("operation", "approve")
                        .counter()
                        .count());
        assertEquals(
                1.0,
                registry.get("workitems.item.cache.gets")
                        .tag("result", "miss")
                        .counter()
                        .count());
        assertEquals(
                1.0,
                registry.get("workitems.item.cache.gets")
                        .tag("result", "hit")
                        .counter()
                        .count());
    }

    @Test
    void withAnObservationRegistryEachOperationIsAnObservationAndItsTimerComesFromTheHandler() {
        ObservationRegistry observations = ObservationRegistry.create();
        List<String> seen = new ArrayList<>();
        observations.observationConfig().observationHandler(new ObservationHandler<Observation.Context>() {
            @Override
            public void onStop(Observation.Context context) {
                seen.add(context.getName() + " " + context.getContextualName() + " "
                        + context.getLowCardinalityKeyValues().stream()
                                .map(k -> k.getKey() + "=" + k.getValue())
                                .sorted()
                                .collect(Collectors.joining(","))
                        + (context.getError() == null
                                ? ""
                                : " " + context.getError().getClass().getSimpleName()));
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(registry));
        Fixture fx = fixture(new InMemoryWorkItemRepository(), WorkItemsMetrics.of(registry, observations), 0);
        WorkItem item = fx.generic(GINGER);
        assertThrows(ForbiddenException.class, () -> fx.service().get(Caller.of(FRED), item.id()));
        assertEquals(
                List.of(
                        "workitems.operation workitems create operation=create,outcome=ok",
                        "workitems.operation workitems get operation=get,outcome=forbidden ForbiddenException"),
                seen);
        assertEquals(
                1,
                registry.get("workitems.operation")
                        .tag("operation", "get")
                        .tag("outcome", "forbidden")
                        .timer()
                        .count(),
                "the meter handler's timer carries the observation's keys");
    }

    @Test
    void subscriptionLagIsCountedInEventsAndSeconds() {
        Fixture fx = fixture(new InMemoryWorkItemRepository(), WorkItemsMetrics.of(registry), 0);
        Subscriptions.Subscription s =
                fx.service().subscriptions().subscribe("audit", e -> {}, SubscriptionOptions.DEFAULTS);
        WorkItemsMetrics.of(registry).bindSubscriptionLag(fx.service(), "audit", fx.clock());
        fx.generic(GINGER);
        fx.clock().advance(Duration.ofMinutes(5));
        fx.generic(GINGER);
        assertEquals(
                2.0, registry.get("workitems.subscription.lag.events").gauge().value());
        assertEquals(300.0, registry.get("workitems.subscription.lag").gauge().value(), "the oldest is 5 min old");
        s.deliverOnce();
        assertEquals(
                0.0, registry.get("workitems.subscription.lag.events").gauge().value());
        assertEquals(0.0, registry.get("workitems.subscription.lag").gauge().value());
        s.close();
    }

    @Test
    void theDueBacklogIsWhatASweepWouldDo() {
        WorkItemRepository storage = new InMemoryWorkItemRepository();
        Fixture fx = fixture(storage, WorkItemsMetrics.of(registry), 0);
        WorkItemsMetrics.of(registry).bindDueBacklog(storage, fx.clock());
        for (int i = 0; i < 3; i++) {
            fx.service()
                    .create(NewWorkItem.builder()
                            .type(WorkItemType.GENERIC)
                            .name("Print a badge")
                            .description("Badge " + i)
                            .ownerId(GINGER)
                            .timers(Timers.builder()
                                    .dueAfter(Duration.ofHours(1 + i))
                                    .step(Timers.Step.notify(Timers.At.deadline(), FRED))
                                    .build())
                            .build());
        }
        assertEquals(0.0, registry.get("workitems.timers.due").gauge().value(), "nothing due yet");
        fx.clock().advance(Duration.ofMinutes(150));
        assertEquals(2.0, registry.get("workitems.timers.due").gauge().value(), "two deadlines passed");
        assertEquals(90 * 60.0, registry.get("workitems.timers.overdue").gauge().value(), "the oldest by 90 min");
        fx.service().sweep();
        assertEquals(0.0, registry.get("workitems.timers.due").gauge().value(), "the sweep did them");
        assertNull(registry.find("workitems.timers.due").tag("owner", GINGER).gauge());
    }
}
