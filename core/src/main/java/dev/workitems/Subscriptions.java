package dev.workitems;

import dev.workitems.spi.FeedHandler;
import dev.workitems.spi.SubscriptionStore.SubscriptionState;
import java.time.Instant;
import java.util.List;

/**
 * Durable subscriptions to the event feed, kept in the store beside the items ({@link WorkItems#subscriptions()}). A
 * subscription has a name; its position (the last event handled) is stored and moves only after the handler returned,
 * so it resumes after a restart or a crash where it stopped, delivering each event at least once, in feed order. Of
 * several host instances subscribing under one name, one at a time holds its lease and delivers; when it dies, another
 * takes over once the lease has run out. Thread-safe.
 */
public interface Subscriptions {

    /**
     * Registers a subscription on this instance (created in the store at the feed's start if new). Nothing is delivered
     * until {@link Subscription#start()} or {@link Subscription#deliverOnce()}.
     *
     * @param name the subscription's name, the same on every instance
     * @param handler what to do with each event
     * @param options lease, batch, retries, polling
     * @return the subscription on this instance
     * @throws InvalidRequestException if the name is blank
     */
    Subscription subscribe(String name, FeedHandler handler, SubscriptionOptions options);

    /**
     * @return every subscription in the store: position, holder, lease and parked events
     * @throws StorageFailureException if the storage fails
     */
    List<SubscriptionState> list();

    /**
     * Replays: the subscription delivers again every event after {@code afterPosition} (or skips ahead to it).
     *
     * @param name the subscription
     * @param afterPosition the position to continue after; 0 for the feed's start
     * @return false if there is no such subscription
     */
    boolean replayAfter(String name, long afterPosition);

    /**
     * Replays from a time: the subscription continues just before the first feed event recorded at or after
     * {@code from} (events are found by reading the feed from its start).
     *
     * @param name the subscription
     * @param from the time
     * @return false if there is no such subscription
     */
    boolean replayFrom(String name, Instant from);

    /**
     * @param name the subscription
     * @param position a parked event's position
     * @return false if there is no such subscription or parked event; else it is delivered again at the next round
     */
    boolean retryParked(String name, long position);

    /**
     * @param name the subscription
     * @param position a parked event's position
     * @return false if there is no such subscription or parked event; else it is forgotten
     */
    boolean dropParked(String name, long position);

    /** One subscription on this instance. */
    interface Subscription extends AutoCloseable {

        /** @return the subscription's name */
        String name();

        /**
         * One round on the caller's thread: claims the lease (renewing it once half of it has passed), delivers events
         * marked for retry, then up to a batch of new events, and stores the position. Admin changes (replay, retry)
         * made elsewhere are seen at the next claim, so within half a lease. Does nothing while another instance holds
         * the lease, or while a failed event waits for its next attempt (times come from the service's clock).
         *
         * @return how many events were handled or set aside this round
         * @throws StorageFailureException if the storage fails
         */
        int deliverOnce();

        /**
         * Starts a daemon thread that runs rounds until {@link #close()}: at once when this instance changes an item,
         * else every poll interval.
         */
        void start();

        /** Stops the thread, if started, after its current event. The lease runs out by itself. */
        @Override
        void close();
    }
}
