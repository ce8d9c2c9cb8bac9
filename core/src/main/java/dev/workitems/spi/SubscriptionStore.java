package dev.workitems.spi;

import dev.workitems.StorageFailureException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where durable subscriptions keep their place in the event feed, in the same database as the items: the position each
 * subscription has handled, which host instance holds it (a lease, so that one instance at a time delivers it), and the
 * events it set aside. A store that offers subscriptions implements this beside {@link WorkItemRepository}. Each method
 * is atomic on its own; implementations must be thread-safe. The kit's {@code SubscriptionContract} checks every rule
 * written here.
 */
public interface SubscriptionStore {

    /**
     * Creates the subscription if it does not exist (at position {@code claim.startAfter()}), then gives its lease to
     * {@code claim.instance()} if the lease is free, has expired at {@code claim.now()}, or is already that instance's,
     * and sets it to run until {@code claim.leaseUntil()}.
     *
     * @param claim the subscription, the instance, the time and the lease's end
     * @return the subscription as stored, if the instance holds it now; empty if another instance holds a live lease
     * @throws StorageFailureException if the storage fails
     */
    Optional<SubscriptionState> claim(SubscriptionClaim claim);

    /**
     * Moves a subscription's position from {@code from} to {@code to}, parks and unparks events, if and only if
     * {@code instance} still holds the lease and the position is still {@code from}; else writes nothing.
     *
     * @param advance what to move, and who moves it
     * @return true if applied
     * @throws StorageFailureException if the storage fails
     */
    boolean advance(SubscriptionAdvance advance);

    /**
     * @return every subscription with its parked events, ordered by name
     * @throws StorageFailureException if the storage fails
     */
    List<SubscriptionState> subscriptions();

    /**
     * An admin change of one subscription, whoever holds it: move its position (replay), mark a parked event for
     * another delivery, or drop a parked event.
     *
     * @param change the change
     * @return true if the subscription (and the parked event the change names) exists
     * @throws StorageFailureException if the storage fails
     */
    boolean change(SubscriptionChange change);

    /**
     * @param name the subscription
     * @param instance the host instance asking
     * @param now the time to judge leases by
     * @param leaseUntil when the lease ends unless claimed again
     * @param startAfter the position a new subscription starts after (0: the feed's start)
     */
    record SubscriptionClaim(String name, String instance, Instant now, Instant leaseUntil, long startAfter) {
        /**
         * @throws NullPointerException if a field is missing @throws IllegalArgumentException if the lease ends before
         *     now
         */
        public SubscriptionClaim {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(instance, "instance");
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(leaseUntil, "leaseUntil");
            if (leaseUntil.isBefore(now) || startAfter < 0) {
                throw new IllegalArgumentException("the lease must end after now, and startAfter be >= 0");
            }
        }
    }

    /**
     * @param name the subscription
     * @param position the position of the last event handled (or set aside)
     * @param holder the instance holding the lease; null if none ever did or it was given up
     * @param leaseUntil when the holder's lease ends; null with no holder
     * @param parked the events set aside, by position
     */
    record SubscriptionState(String name, long position, String holder, Instant leaseUntil, List<ParkedEvent> parked) {
        /** Copies the parked events. */
        public SubscriptionState {
            Objects.requireNonNull(name, "name");
            parked = List.copyOf(parked);
        }
    }

    /**
     * An event a subscription's handler kept failing on, set aside so that the subscription goes on.
     *
     * @param position the event's feed position
     * @param attempts how many times the handler failed on it
     * @param error the last failure, in words
     * @param at when it was set aside (or last failed again)
     * @param retryRequested true if an admin asked for another delivery
     */
    record ParkedEvent(long position, int attempts, String error, Instant at, boolean retryRequested) {
        /** @throws NullPointerException if the error or time is missing */
        public ParkedEvent {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * @param name the subscription
     * @param instance the instance that must hold the lease
     * @param from the position the subscription must still have
     * @param to the new position (&gt;= from)
     * @param park events to set aside (or to update, if already parked)
     * @param unpark positions of parked events to drop (delivered at last)
     */
    record SubscriptionAdvance(
            String name, String instance, long from, long to, List<ParkedEvent> park, List<Long> unpark) {
        /** @throws IllegalArgumentException if the position would go back */
        public SubscriptionAdvance {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(instance, "instance");
            if (to < from) {
                throw new IllegalArgumentException("a subscription advances; it does not go back (use change)");
            }
            park = List.copyOf(park);
            unpark = List.copyOf(unpark);
        }
    }

    /**
     * @param name the subscription
     * @param kind what to change
     * @param position the new position ({@link Kind#RESET}) or the parked event's ({@link Kind#RETRY},
     *     {@link Kind#DROP})
     */
    record SubscriptionChange(String name, Kind kind, long position) {
        /** @throws IllegalArgumentException on a negative position */
        public SubscriptionChange {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            if (position < 0) {
                throw new IllegalArgumentException("position must be >= 0");
            }
        }

        /** The admin changes. */
        public enum Kind {
            /** Set the position (replay from there, or skip ahead). */
            RESET,
            /** Deliver a parked event again. */
            RETRY,
            /** Forget a parked event. */
            DROP
        }
    }
}
