package dev.workitems.testkit;

import static dev.workitems.testkit.Fixture.CYD;
import static dev.workitems.testkit.Fixture.FRED;
import static dev.workitems.testkit.Fixture.GINGER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workitems.FeedEvent;
import dev.workitems.SubscriptionOptions;
import dev.workitems.Subscriptions;
import dev.workitems.WorkItem;
import dev.workitems.WorkItems;
import dev.workitems.spi.SubscriptionStore;
import dev.workitems.spi.SubscriptionStore.ParkedEvent;
import dev.workitems.spi.SubscriptionStore.SubscriptionState;
import dev.workitems.spi.WorkItemRepository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Durable subscriptions over a store that implements {@link SubscriptionStore}: every event delivered in feed order and
 * the position stored; resume after a restart; retries with back-off on the service's clock, then the event set aside,
 * visible, and delivered again on request; replay from a position and from a time; one instance at a time, and a
 * takeover once the holder's lease has run out; a running subscription reached at once by a change. Extend it and
 * implement {@link #newRepository()}.
 */
public abstract class SubscriptionContract {

    /** @return a new, empty store that also implements {@link SubscriptionStore}; called once per test */
    protected abstract WorkItemRepository newRepository();

    /** @param repository a store made by {@link #newRepository()}, to close after its test */
    protected void release(WorkItemRepository repository) {}

    private static final SubscriptionOptions FAST = SubscriptionOptions.DEFAULTS
            .withBatchSize(4)
            .withRetries(3, Duration.ofSeconds(10), Duration.ofSeconds(15));

    private WorkItemRepository repo;
    private Fixture fx;
    private WorkItems svc;

    @BeforeEach
    void open() {
        repo = newRepository();
        assertTrue(repo instanceof SubscriptionStore, repo + " must implement SubscriptionStore to run this contract");
        fx = new Fixture(repo);
        svc = fx.service();
    }

    @AfterEach
    void close() {
        release(repo);
    }

    /** A second host instance on the same store and clock. */
    private WorkItems instance() {
        return WorkItems.builder()
                .storage(repo)
                .identities(fx.directory())
                .clock(fx.clock())
                .build();
    }

    private void changes(int items) {
        for (int i = 0; i < items; i++) {
            WorkItem w = fx.generic(i % 2 == 0 ? FRED : GINGER);
            if (i % 3 == 0) {
                svc.complete(Fixture.user(w.ownerId()), w.id());
            }
        }
    }

    private static int drain(Subscriptions.Subscription s) {
        int total = 0;
        for (int n; (n = s.deliverOnce()) > 0; ) {
            total += n;
        }
        return total;
    }

    private List<FeedEvent> feed() {
        return svc.feed(0, 10_000);
    }

    private SubscriptionState state(WorkItems on, String name) {
        return on.subscriptions().list().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no subscription " + name));
    }

    @Test
    void aSubscriptionDeliversEveryEventInFeedOrderAndStoresItsPosition() {
        changes(10);
        List<FeedEvent> got = new ArrayList<>();
        Subscriptions.Subscription sub = svc.subscriptions().subscribe("provisioning", got::add, FAST);
        assertEquals(14, drain(sub), "ten creates and four decisions: fourteen events delivered");
        assertEquals(feed(), got, "every event once, in feed order");
        assertEquals(
                got.get(got.size() - 1).position(),
                state(svc, "provisioning").position(),
                "the stored position is the last event delivered");
        assertEquals(0, sub.deliverOnce(), "nothing new");
        changes(1); // a create and a complete
        assertEquals(2, sub.deliverOnce(), "a new create and complete: two events");
        assertEquals(feed(), got, "the new events follow, once, in feed order");
    }

    @Test
    void aRestartedInstanceResumesExactlyWhereTheSubscriptionStopped() {
        changes(10);
        List<FeedEvent> first = new ArrayList<>();
        Subscriptions.Subscription sub = svc.subscriptions().subscribe("billing", first::add, FAST);
        assertEquals(4, sub.deliverOnce(), "one batch");
        sub.close();

        WorkItems restarted = instance();
        List<FeedEvent> second = new ArrayList<>();
        Subscriptions.Subscription again = restarted.subscriptions().subscribe("billing", second::add, FAST);
        assertEquals(0, again.deliverOnce(), "the old instance's lease is still running");
        fx.tick(FAST.lease().toMillis());
        assertEquals(10, drain(again), "the restarted instance delivers the ten events the first left");
        List<FeedEvent> all = new ArrayList<>(first);
        all.addAll(second);
        assertEquals(feed(), all, "nothing missed and nothing delivered twice across the restart");
    }

    @Test
    void anInstanceRestartedUnderItsOwnNameResumesAtOnce() {
        changes(10);
        List<FeedEvent> got = new ArrayList<>();
        WorkItems before = WorkItems.builder()
                .storage(repo)
                .identities(fx.directory())
                .clock(fx.clock())
                .instanceId("host-1")
                .build();
        Subscriptions.Subscription sub = before.subscriptions().subscribe("ledger", got::add, FAST);
        assertEquals(4, sub.deliverOnce(), "one batch of four");
        sub.close();
        WorkItems after = WorkItems.builder()
                .storage(repo)
                .identities(fx.directory())
                .clock(fx.clock())
                .instanceId("host-1")
                .build();
        Subscriptions.Subscription again = after.subscriptions().subscribe("ledger", got::add, FAST);
        assertEquals(10, drain(again), "its own lease: no wait");
        assertEquals(feed(), got, "every event once, in feed order");
        assertEquals("host-1", state(after, "ledger").holder(), "the lease is held under the instance's own name");
        assertEquals(
                0,
                instance().subscriptions().subscribe("ledger", got::add, FAST).deliverOnce(),
                "another instance still waits for host-1's lease");
    }

    @Test
    void aFailingHandlerIsRetriedWithBackOffThenTheEventIsSetAsideAndTheSubscriptionGoesOn() {
        changes(6);
        List<FeedEvent> feed = feed();
        long poison = feed.get(2).position();
        List<Long> attempts = new ArrayList<>();
        List<FeedEvent> handled = new ArrayList<>();
        Subscriptions.Subscription sub = svc.subscriptions()
                .subscribe(
                        "audit",
                        e -> {
                            if (e.position() == poison) {
                                attempts.add(fx.clock().millis());
                                throw new IllegalStateException("downstream rejected event " + e.position());
                            }
                            handled.add(e);
                        },
                        FAST);
        assertEquals(2, sub.deliverOnce(), "the two events before the poison one");
        assertEquals(1, attempts.size(), "one attempt at the failing event");
        assertEquals(
                feed.get(1).position(), state(svc, "audit").position(), "the position stops before the failing event");
        assertEquals(0, sub.deliverOnce(), "no new attempt before the back-off has passed");
        fx.tick(9_999);
        assertEquals(0, sub.deliverOnce(), "still within the back-off");
        fx.tick(1);
        assertEquals(0, sub.deliverOnce(), "second attempt fails");
        assertEquals(2, attempts.size(), "two attempts after the first back-off");
        fx.tick(15_000); // the back-off doubled to 20 s, capped at 15 s
        assertTrue(sub.deliverOnce() > 0, "third attempt fails: the event is set aside and delivery goes on");
        assertEquals(3, attempts.size(), "three attempts: the last one");
        drain(sub);
        List<FeedEvent> expected = new ArrayList<>(feed);
        expected.remove(2);
        assertEquals(expected, handled, "every other event, in order");
        SubscriptionState st = state(svc, "audit");
        assertEquals(
                feed.get(feed.size() - 1).position(),
                st.position(),
                "the position moved past the parked event to the end");
        assertEquals(1, st.parked().size(), "one event parked");
        ParkedEvent parked = st.parked().get(0);
        assertEquals(poison, parked.position(), "the parked event is the failing one");
        assertEquals(3, parked.attempts(), "it was tried three times");
        assertTrue(parked.error().contains("downstream rejected event " + poison), parked.error());
        assertFalse(parked.retryRequested(), "a parked event waits for a request to retry");
    }

    @Test
    void aParkedEventIsDeliveredAgainOnRequestOrDropped() {
        changes(3);
        long poison = feed().get(1).position();
        boolean[] broken = {true};
        List<Long> handled = new ArrayList<>();
        SubscriptionOptions once = FAST.withRetries(1, Duration.ZERO, Duration.ZERO);
        Subscriptions.Subscription sub = svc.subscriptions()
                .subscribe(
                        "crm",
                        e -> {
                            if (broken[0] && e.position() == poison) {
                                throw new IllegalStateException("crm is down");
                            }
                            handled.add(e.position());
                        },
                        once);
        drain(sub);
        assertEquals(1, state(svc, "crm").parked().size(), "the failing event is parked");
        assertFalse(svc.subscriptions().retryParked("crm", 999_999), "no such parked event");
        assertFalse(svc.subscriptions().retryParked("nope", poison), "no such subscription");

        assertTrue(svc.subscriptions().retryParked("crm", poison), "a retry of a parked event is accepted");
        assertTrue(state(svc, "crm").parked().get(0).retryRequested(), "the parked event is marked for a retry");
        assertEquals(1, sub.deliverOnce(), "the retried event fails again");
        ParkedEvent again = state(svc, "crm").parked().get(0);
        assertEquals(2, again.attempts(), "the retry is its second attempt");
        assertFalse(again.retryRequested(), "it waits for another request");

        broken[0] = false;
        svc.subscriptions().retryParked("crm", poison);
        assertEquals(1, sub.deliverOnce(), "the retried event is delivered");
        assertEquals(poison, handled.get(handled.size() - 1), "delivered at last");
        assertEquals(List.of(), state(svc, "crm").parked(), "a delivered event is no longer parked");

        broken[0] = true;
        svc.subscriptions().replayAfter("crm", poison - 1);
        drain(sub);
        assertEquals(1, state(svc, "crm").parked().size(), "the replayed event failed again and is parked");
        assertTrue(svc.subscriptions().dropParked("crm", poison), "a parked event can be dropped");
        assertEquals(List.of(), state(svc, "crm").parked(), "a dropped event is no longer parked");
    }

    @Test
    void aSubscriptionReplaysFromAPositionOrFromATime() {
        changes(4);
        fx.tick(60_000);
        java.time.Instant later = fx.clock().instant();
        changes(2);
        List<FeedEvent> feed = feed();
        List<FeedEvent> got = new ArrayList<>();
        Subscriptions.Subscription sub = svc.subscriptions().subscribe("search-index", got::add, FAST);
        drain(sub);
        assertEquals(feed, got, "every event once, in feed order");

        got.clear();
        assertTrue(
                svc.subscriptions().replayAfter("search-index", feed.get(4).position()),
                "a replay after a position is accepted");
        drain(sub);
        assertEquals(feed.subList(5, feed.size()), got, "replayed after a position");

        got.clear();
        assertTrue(svc.subscriptions().replayFrom("search-index", later), "a replay from a time is accepted");
        drain(sub);
        assertEquals(feed.stream().filter(e -> !e.at().isBefore(later)).toList(), got, "replayed from a time");
        assertFalse(svc.subscriptions().replayAfter("unknown", 0), "a replay of an unknown subscription is refused");
    }

    @Test
    void aReplayAskedOnAnotherInstanceReachesTheHolderWithinHalfALease() {
        changes(3);
        List<FeedEvent> got = new ArrayList<>();
        Subscriptions.Subscription sub = svc.subscriptions().subscribe("mirror", got::add, FAST);
        drain(sub);
        int all = got.size();
        assertTrue(instance().subscriptions().replayAfter("mirror", 0), "an admin on another instance replays");
        assertEquals(0, sub.deliverOnce(), "the holder still goes by the lease it renewed");
        fx.tick(FAST.lease().toMillis() / 2 + 1);
        drain(sub);
        assertEquals(2 * all, got.size(), "once it renews its lease, it replays from the start");
        assertEquals(feed(), got.subList(all, got.size()), "the replay delivers the whole feed again, in order");
    }

    @Test
    void oneInstanceAtATimeDeliversASubscriptionAndAnotherTakesOverWhenItsLeaseRunsOut() {
        changes(8);
        WorkItems other = instance();
        List<FeedEvent> byA = new ArrayList<>();
        List<FeedEvent> byB = new ArrayList<>();
        Subscriptions.Subscription a = svc.subscriptions().subscribe("shared", byA::add, FAST);
        Subscriptions.Subscription b = other.subscriptions().subscribe("shared", byB::add, FAST);
        assertEquals(4, a.deliverOnce(), "A delivers one batch of four");
        assertEquals(0, b.deliverOnce(), "A holds the lease");
        fx.tick(FAST.lease().toMillis() - 1);
        assertEquals(0, b.deliverOnce(), "A's lease has not run out yet");
        assertEquals(4, a.deliverOnce(), "A renews its lease with each round");
        assertEquals(0, b.deliverOnce(), "B still waits: A renewed its lease");

        // A dies here: it never claims again.
        fx.tick(FAST.lease().toMillis());
        int taken = drain(b);
        assertEquals(feed().size() - 8, taken, "B goes on from A's position");
        assertEquals(0, a.deliverOnce(), "A, back, finds B holding the lease");
        List<FeedEvent> all = new ArrayList<>(byA);
        all.addAll(byB);
        assertEquals(feed(), all, "every event exactly once across the takeover");
        assertTrue(state(svc, "shared").holder() != null, "someone holds the subscription after the takeover");
    }

    @Test
    void runningSubscriptionsOnTwoInstancesDeliverEveryEventOnceAndQuickly() throws Exception {
        WorkItems other = instance();
        int items = 30;
        CountDownLatch all = new CountDownLatch(items);
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        try (Subscriptions.Subscription a = svc.subscriptions()
                        .subscribe(
                                "live",
                                e -> {
                                    seen.add(e.position());
                                    all.countDown();
                                },
                                FAST);
                Subscriptions.Subscription b = other.subscriptions()
                        .subscribe(
                                "live",
                                e -> {
                                    seen.add(e.position());
                                    all.countDown();
                                },
                                FAST)) {
            a.start();
            b.start();
            for (int i = 0; i < items; i++) {
                (i % 2 == 0 ? svc : other)
                        .create(dev.workitems.NewWorkItem.builder()
                                .type(dev.workitems.WorkItemType.GENERIC)
                                .description("live " + i)
                                .ownerId(CYD)
                                .build());
            }
            assertTrue(all.await(60, TimeUnit.SECONDS), "every event reached the running subscription: " + seen.size());
        }
        Set<Long> unique = new HashSet<>(seen);
        assertEquals(seen.size(), unique.size(), "no event delivered twice: " + seen);
        assertEquals(feed().stream().map(FeedEvent::position).toList(), seen, "in feed order");
    }
}
