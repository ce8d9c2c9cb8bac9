package dev.workitems.http;

/**
 * The caller sent too many requests (D18): the API answers 429 with {@code Retry-After}. Rate limiting is the HTTP
 * adapter's business, so this stays inside it.
 */
final class RateLimitedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    /** @param retryAfterSeconds whole seconds the caller should wait, at least 1 */
    RateLimitedException(long retryAfterSeconds) {
        super(" Rate Limit Exceeded ");
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** @return whole seconds to wait before the next request */
    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
