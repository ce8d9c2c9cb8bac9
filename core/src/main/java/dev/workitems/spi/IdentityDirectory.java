package dev.workitems.spi;

import java.util.Optional;

/**
 * Resolves identities (D16): it is what fills {@code ownerName} and {@code requesterDisplayName} and makes an unknown
 * forward target detectable. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface IdentityDirectory {

    /**
     * @param identityId an identity id
     * @return the identity, or empty if none has that id
     */
    Optional<Identity> find(String identityId);

    /**
     * Finds identities by name, so that people can pick one (a forward's target, an out-of-office delegate) without
     * typing an id. Directories that cannot search return nothing (the default).
     *
     * @param text part of a display name or the start of an id, matched without regard to case; not blank
     * @param limit at most how many, at least 1
     * @return the matches, by display name then id
     */
    default java.util.List<Identity> search(String text, int limit) {
        return java.util.List.of();
    }
}
