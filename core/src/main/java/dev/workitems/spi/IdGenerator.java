package dev.workitems.spi;

import java.util.UUID;

/** Makes ids for new work items and approval items (D13). Implementations must be thread-safe. */
@FunctionalInterface
public interface IdGenerator {

    /** @return a new id, never used before */
    String newId();

    /** @return 32 lower-case hex characters: a random UUID without dashes */
    static IdGenerator randomUuid() {
        return () -> {
            UUID u = UUID.randomUUID();
            return hex(u.getMostSignificantBits()) + hex(u.getLeastSignificantBits());
        };
    }

    /**
     * For ids that only tell things apart, such as the HTTP adapter's tracking ids: 32 lower-case hex characters from
     * {@link java.util.concurrent.ThreadLocalRandom}, as unique as a random UUID but guessable, so never for work item
     * ids. A random UUID reads {@link java.security.SecureRandom}, which locks and asks the kernel on every call: 2% of
     * the server's time for an HTTP get.
     *
     * @return a generator of non-secret random ids
     */
    static IdGenerator fastRandom() {
        return () -> {
            java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
            return hex(r.nextLong()) + hex(r.nextLong());
        };
    }

    private static String hex(long v) {
        String s = Long.toHexString(v);
        return "0".repeat(16 - s.length()) + s;
    }
}
