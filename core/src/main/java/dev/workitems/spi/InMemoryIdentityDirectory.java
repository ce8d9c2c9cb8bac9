package dev.workitems.spi;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An identity directory held in memory, for embedding hosts without one, tests and demos. Thread-safe. */
public final class InMemoryIdentityDirectory implements IdentityDirectory {
    private final ConcurrentHashMap<String, Identity> identities = new ConcurrentHashMap<>();

    /**
     * Adds or renames an identity.
     *
     * @param id its id
     * @param displayName its display name
     * @return this
     */
    public InMemoryIdentityDirectory put(String id, String displayName) {
        identities.put(id, new Identity(id, displayName));
        return this;
    }

    /**
     * @param id an identity id
     * @return true if it was known
     */
    public boolean remove(String id) {
        return identities.remove(id) != null;
    }

    @Override
    public java.util.List<Identity> search(String text, int limit) {
        String needle = text.strip().toLowerCase(java.util.Locale.ROOT);
        return identities.values().stream()
                .filter(i -> i.displayName().toLowerCase(java.util.Locale.ROOT).contains(needle)
                        || i.id().toLowerCase(java.util.Locale.ROOT).startsWith(needle))
                .sorted(java.util.Comparator.comparing(Identity::displayName).thenComparing(Identity::id))
                .limit(limit)
                .toList();
    }

    @Override
    public Optional<Identity> find(String identityId) {
        return identityId == null ? Optional.empty() : Optional.ofNullable(identities.get(identityId));
    }
}
