package dev.workitems;

import java.util.List;

/** The caller sent too many requests (D18). HTTP 429 with {@code Retry-After}. */
public final class RateLimitedException extends WorkItemsException {
    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    /** @param retryAfterSeconds whole seconds the caller should wait, at least 1 */
    public RateLimitedException(long retryAfterSeconds) {
        super(429, "429 Too Many Requests", " Rate Limit Exceeded ", List.of(), null);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** @return whole seconds to wait before the next request */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
