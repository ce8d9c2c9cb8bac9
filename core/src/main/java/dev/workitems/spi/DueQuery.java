package dev.workitems.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * Which items a sweep acts on: Pending items whose next timer ({@link dev.workitems.WorkItem#timerDue()}) falls due at
 * or before {@code now}, in the order (timer due, id), after a position, so that a sweep reads them in batches and
 * never reads one twice. A store answers it from an index on that time, so that a sweep costs what is due, not what is
 * stored.
 *
 * @param now the sweep's time: items due at or before it
 * @param afterDue with {@code afterId}, the position of the last item of the previous batch; null for the first batch
 * @param afterId the id of that item; null exactly when {@code afterDue} is
 * @param limit at most how many items, 1..{@link #MAX_LIMIT}
 */
public record DueQuery(Instant now, Instant afterDue, String afterId, int limit) {

    /** The largest batch. */
    public static final int MAX_LIMIT = 10_000;

    /** @throws IllegalArgumentException if the position is half given or the limit out of range */
    public DueQuery {
        Objects.requireNonNull(now, "now");
        if ((afterDue == null) != (afterId == null)) {
            throw new IllegalArgumentException("afterDue and afterId go together");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", not " + limit);
        }
    }

    /**
     * @param now the sweep's time
     * @param limit the batch size
     * @return the first batch
     */
    public static DueQuery first(Instant now, int limit) {
        return new DueQuery(now, null, null, limit);
    }

    /**
     * @param due the timer due time of the last item read
     * @param id its id
     * @return the next batch, after that item
     */
    public DueQuery after(Instant due, String id) {
        return new DueQuery(now, Objects.requireNonNull(due, "due"), Objects.requireNonNull(id, "id"), limit);
    }
}
