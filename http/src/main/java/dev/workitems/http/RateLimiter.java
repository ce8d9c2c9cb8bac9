package dev.workitems.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;

/**
 * Fixed windows per caller, held in a bounded Caffeine cache whose entries expire after two windows of disuse. The
 * window arithmetic uses the injected clock, so tests move time instead of sleeping.
 */
final class RateLimiter {
    private record Window(long start, int count) {}

    private final RateLimit limit;
    private final Clock clock;
    private final Cache<String, Window> windows;

    /** @param limit the limit @param clock the time source */
    public RateLimiter(RateLimit limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
        this.windows = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterAccess(
                        Duration.ofMillis(Math.max(1000, limit.window().toMillis() * 2)))
                .executor(Runnable::run) // upkeep on the caller, as in ItemJsonCache
                .build();
    }

    /**
     * Counts one request of the caller.
     *
     * @param callerId the caller
     * @throws RateLimitedException with the whole seconds until the window ends, if over the limit
     */
    public void acquire(String callerId) {
        if (!limit.enabled()) {
            return;
        }
        long now = clock.millis();
        long windowMs = limit.window().toMillis();
        long start = now - Math.floorMod(now, windowMs);
        Window w = windows.asMap()
                .compute(
                        callerId,
                        (k, old) -> old == null || old.start() != start
                                ? new Window(start, 1)
                                : new Window(start, old.count() + 1));
        if (w.count() > limit.requests()) {
            long remaining = start + windowMs - now;
            throw new RateLimitedException((remaining + 999) / 1000);
        }
    }
}
