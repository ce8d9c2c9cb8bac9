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
}
