package dev.workitems;

import java.time.Duration;
import java.util.Objects;

/**
 * How a durable subscription runs. Start from {@link #DEFAULTS} and change what differs.
 *
 * @param lease how long an instance holds the subscription without renewing it; another instance takes over after it
 *     dies within this time (default 30 s)
 * @param batchSize events read and handled per round; the position is stored after each round (default 500)
 * @param maxAttempts failures on one event before it is set aside (default 5)
 * @param firstBackoff the wait after the first failure; it doubles per failure (default 1 s)
 * @param maxBackoff the longest wait between attempts (default 5 min)
 * @param pollInterval how often a running subscription looks for events written by other host instances; changes made
 *     through this service instance wake it at once (default 100 ms)
 */
public record SubscriptionOptions(
        Duration lease,
        int batchSize,
        int maxAttempts,
        Duration firstBackoff,
        Duration maxBackoff,
        Duration pollInterval) {

    /** The defaults. */
    public static final SubscriptionOptions DEFAULTS = new SubscriptionOptions(
            Duration.ofSeconds(30), 500, 5, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMillis(100));

    /** @throws IllegalArgumentException if a value is out of range */
    public SubscriptionOptions {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (lease.isNegative()
                || lease.isZero()
                || batchSize < 1
                || batchSize > 10_000
                || maxAttempts < 1
                || firstBackoff.isNegative()
                || maxBackoff.compareTo(firstBackoff) < 0
                || pollInterval.isNegative()
                || pollInterval.isZero()) {
            throw new IllegalArgumentException("lease > 0, batchSize 1..10,000, maxAttempts >= 1, 0 <= firstBackoff "
                    + "<= maxBackoff, pollInterval > 0");
        }
    }

    /** @param v the lease @return these options with it */
    public SubscriptionOptions withLease(Duration v) {
        return new SubscriptionOptions(v, batchSize, maxAttempts, firstBackoff, maxBackoff, pollInterval);
    }

    /** @param v the batch size @return these options with it */
    public SubscriptionOptions withBatchSize(int v) {
        return new SubscriptionOptions(lease, v, maxAttempts, firstBackoff, maxBackoff, pollInterval);
    }

    /**
     * @param attempts most failures before an event is set aside @param first first back-off @param max longest
     * @return these options with them
     */
    public SubscriptionOptions withRetries(int attempts, Duration first, Duration max) {
        return new SubscriptionOptions(lease, batchSize, attempts, first, max, pollInterval);
    }

    /** @param v the poll interval @return these options with it */
    public SubscriptionOptions withPollInterval(Duration v) {
        return new SubscriptionOptions(lease, batchSize, maxAttempts, firstBackoff, maxBackoff, v);
    }
}
