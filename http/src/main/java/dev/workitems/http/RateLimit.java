package dev.workitems.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How many requests each caller may make per window (D18); over it the adapter answers 429 with {@code Retry-After}.
 *
 * @param requests requests allowed per window and caller; 0 switches the limit off
 * @param window the window
 */
public record RateLimit(int requests, Duration window) {

    /** The contract's default: 100 requests per 10 seconds per caller. */
    public static final RateLimit DEFAULT = new RateLimit(100, Duration.ofSeconds(10));

    /** @throws IllegalArgumentException on a negative count or a window shorter than a millisecond */
    public RateLimit {
        Objects.requireNonNull(window, "window");
        if (requests < 0 || window.toMillis() < 1) {
            throw new IllegalArgumentException("requests >= 0 and a window of at least 1 ms expected");
        }
    }

    /** @return no limit */
    public static RateLimit off() {
        return new RateLimit(0, Duration.ofSeconds(1));
    }

    /** @return true if the limit applies */
    public boolean enabled() {
        return requests > 0;
    }
}
