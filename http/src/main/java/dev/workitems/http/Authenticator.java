package dev.workitems.http;

import dev.workitems.Caller;

/** Turns a request's {@code Authorization} header into a caller (D17). Implementations must be thread-safe. */
@FunctionalInterface
public interface Authenticator {

    /**
     * @param authorizationHeader the header's value, or null when absent
     * @return the authenticated caller
     * @throws AuthenticationException if the header is missing or does not validate
     */
    Caller authenticate(String authorizationHeader);
}
