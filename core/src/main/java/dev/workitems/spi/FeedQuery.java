package dev.workitems.spi;

/**
 * A read of the event feed: the events after a position, in feed order.
 *
 * @param after the position read last; 0 to read from the start
 * @param limit at most how many events to return, 1..10,000
 */
public record FeedQuery(long after, int limit) {

    /** The most events one read returns. */
    public static final int MAX_LIMIT = 10_000;

    /** @throws IllegalArgumentException on a negative position or a limit outside 1..10,000 */
    public FeedQuery {
        if (after < 0) {
            throw new IllegalArgumentException("after must be >= 0");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        }
    }
}
