package dev.workitems.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UtcMillisTest {

    private static String fast(Instant t) {
        char[] out = new char[24];
        assertTrue(UtcMillis.format(t, out), t::toString);
        return new String(out);
    }

    @Test
    void writesWhatTheWireFormatterWritesForEveryYearFromOneTo9999() {
        List<Instant> cases = new ArrayList<>(List.of(
                Instant.EPOCH,
                Instant.ofEpochMilli(-1),
                Instant.ofEpochMilli(1),
                Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("1969-12-31T23:59:59.999Z"),
                Instant.parse("2000-02-29T12:00:00.5Z"),
                Instant.parse("1900-02-28T23:59:59.123456Z"),
                Instant.parse("2100-03-01T00:00:00.000001Z"),
                Instant.parse("2026-11-30T04:05:06.007Z"),
                Instant.ofEpochSecond(-1, 999_999_999)));
        SplittableRandom random = new SplittableRandom(20261130);
        long first = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            cases.add(Instant.ofEpochSecond(random.nextLong(first, last + 1), random.nextInt(1_000_000_000)));
        }
        for (Instant t : cases) {
            assertEquals(WireJson.TIME.format(t), fast(t), t::toString);
        }
    }

    @Test
    void leavesYearsOutsideOneTo9999ToTheFormatter() {
        char[] out = new char[24];
        assertFalse(UtcMillis.format(Instant.parse("0000-12-31T23:59:59.999Z"), out));
        assertFalse(UtcMillis.format(Instant.parse("+10000-01-01T00:00:00Z"), out));
        assertFalse(UtcMillis.format(Instant.MAX, out));
        assertFalse(UtcMillis.format(Instant.MIN, out));
    }
}
