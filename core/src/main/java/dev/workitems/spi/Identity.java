package dev.workitems.spi;

import static java.util.Objects.requireNonNull;

/**
 * An identity known to the directory (D16).
 *
 * @param id its id
 * @param displayName the name shown for it ({@code ownerName}, {@code requesterDisplayName})
 */
public record Identity(String id, String displayName) {

    /** @throws NullPointerException if a field is null */
    public Identity {
        requireNonNull(id, "id");
        requireNonNull(displayName, "displayName");
    }
}
