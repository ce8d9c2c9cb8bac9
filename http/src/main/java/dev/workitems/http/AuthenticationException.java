package dev.workitems.http;

/**
 * The bearer token was missing or did not validate. The adapter answers 401 {@code {"error":"JWT validation failed:
 * <reason>"}}.
 */
public final class AuthenticationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param reason why, e.g. {@code JWT is expired} */
    public AuthenticationException(String reason) {
        super(reason, null, false, false);
    }
}
