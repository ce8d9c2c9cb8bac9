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

    private static String hex(long v) {
        String s = Long.toHexString(v);
        return "0".repeat(16 - s.length()) + s;
    }
}
