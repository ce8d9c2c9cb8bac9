package dev.workitems.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random JSON-shaped values, as core's records hold them (canonical numbers, insertion-ordered keys), come back from
 * the text the store writes exactly equal, key order included; malformed text is refused. Seeded: a failure names the
 * seed and the value.
 */
class JsonPropertyTest {
    private static final long SEED = Long.getLong("workitems.json.seed", 20261206L);
    private static final String ALPHABET = "ab \"\\/\n\t\r\b\f\u0000\u001f\u007f\u00e9\u4e2d\ud83d\ude00{}[],:'";

    @Test
    void everyJsonShapedValueRoundTripsWithItsKeyOrderAndNumbers() {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int run = 0; run < 5_000; run++) {
            Object value = value(random, 0);
            String text = Json.write(value);
            Object back = Json.read(text);
            assertEquals(value, back, () -> "seed " + SEED + ": " + text);
            if (value instanceof Map<?, ?> m) {
                assertEquals(List.copyOf(m.keySet()), List.copyOf(((Map<?, ?>) back).keySet()), "key order of " + text);
            }
            assertEquals(text, Json.write(back), "writing what was read gives the same text");
        }
    }

    @Test
    void numbersKeepTheirCanonicalJavaType() {
        assertEquals(
                List.of(
                        1L,
                        -9_223_372_036_854_775_808L,
                        new BigInteger("9223372036854775808"),
                        new BigDecimal("1.50"),
                        new BigDecimal("1E+2"),
                        new BigDecimal("-0.0")),
                Json.read("[1, -9223372036854775808, 9223372036854775808, 1.50, 1E+2, -0.0]"));
    }

    @Test
    void malformedTextIsRefused() {
        for (String bad : List.of(
                "",
                " ",
                "+1",
                "01",
                "-01",
                "1.",
                ".5",
                "1e",
                "0x10",
                "NaN",
                "Infinity",
                "-",
                "[1,]",
                "[,1]",
                "{\"a\":1,}",
                "{a:1}",
                "{'a':1}",
                "['a']",
                "{\"a\" 1}",
                "{\"a\":1 \"b\":2}",
                "[1] [2]",
                "1 2",
                "\"unterminated",
                "\"bad \\x escape\"",
                "\"\\u12\"",
                "tru",
                "nul",
                "[1",
                "{\"a\":1",
                "// c\n1",
                "\"a\u0001b\"")) {
            assertThrows(IllegalArgumentException.class, () -> Json.read(bad), () -> "accepted: " + bad);
        }
    }

    private static Object value(SplittableRandom r, int depth) {
        int kind = r.nextInt(depth > 4 ? 6 : 8);
        switch (kind) {
            case 0:
                return null;
            case 1:
                return r.nextBoolean();
            case 2:
                return string(r);
            case 3:
                return switch (r.nextInt(3)) {
                    case 0 -> (long) r.nextInt(-1000, 1000);
                    case 1 -> r.nextLong();
                    default ->
                        BigInteger.valueOf(r.nextLong())
                                .shiftLeft(64 + r.nextInt(64))
                                .add(BigInteger.ONE);
                };
            case 4: {
                // what JsonValues.canonical leaves a BigDecimal: a scale other than 0
                BigDecimal d = BigDecimal.valueOf(r.nextLong(), r.nextInt(1, 20));
                return r.nextBoolean() ? d : d.negate();
            }
            case 5:
                return new BigDecimal(BigInteger.valueOf(r.nextInt(1, 1000)), -r.nextInt(1, 30));
            case 6: {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    m.put(string(r), value(r, depth + 1));
                }
                return m;
            }
            default: {
                List<Object> l = new ArrayList<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    l.add(value(r, depth + 1));
                }
                return l;
            }
        }
    }

    private static String string(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        for (int i = r.nextInt(8); i > 0; i--) {
            sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
