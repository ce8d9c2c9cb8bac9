package dev.workitems.testkit;

import dev.workitems.spi.IdGenerator;
import java.util.SplittableRandom;

/**
 * Reproducible ids of the contract's shape (32 lower-case hex characters), drawn from a seed so that their order is
 * unrelated to creation order: that is what makes the {@code created, id} ordering rule observable in tests.
 * Thread-safe.
 */
final class SeededIds implements IdGenerator {
    private final SplittableRandom random;

    /** @param seed the seed; equal seeds give equal id sequences */
    public SeededIds(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public synchronized String newId() {
        return hex(random.nextLong()) + hex(random.nextLong());
    }

    private static String hex(long v) {
        String s = Long.toHexString(v);
        return "0".repeat(16 - s.length()) + s;
    }
}
