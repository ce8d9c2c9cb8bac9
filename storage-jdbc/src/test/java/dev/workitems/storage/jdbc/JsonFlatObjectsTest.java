package dev.workitems.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonFlatObjectsTest {
    private static final String[] KEYS = {"id", "state", "a\"b"};

    private static List<List<String>> flat(String text) {
        return Json.readFlatObjects(text, KEYS).stream().map(Arrays::asList).toList();
    }

    @Test
    void readsTheWantedStringsInKeyOrderAndDropsTheRest() {
        String text =
                " [ {\"state\" : \"Pending\", \"id\":\"a1\", \"other\": {\"x\": [1, 2.5, true, null]}, \"a\\\"b\": "
                        + "\"q\\\"\\u00e9\\n\"},"
                        + "{}, {\"id\": null, \"\\u0069d\": \"escaped key\"} ] ";
        assertEquals(
                List.of(
                        Arrays.asList("a1", "Pending", "q\"\u00e9\n"),
                        Arrays.asList(null, null, null),
                        Arrays.asList("escaped key", null, null)),
                flat(text));
        assertEquals(List.of(), flat("[]"));
        assertNull(Json.readFlatObjects(null, KEYS));
    }

    @Test
    void agreesWithTheGeneralReaderOnWhatTheWriterWrites() {
        SplittableRandom random = new SplittableRandom(7);
        String alphabet = "ab\"\\/\n\t\u00e9\u4e2d\ud83d\ude00 {}[],:";
        for (int run = 0; run < 2_000; run++) {
            List<Object> objects = new ArrayList<>();
            for (int o = random.nextInt(4); o > 0; o--) {
                Map<String, Object> m = new LinkedHashMap<>();
                for (String key : List.of("state", "id", "a\"b", "extra")) {
                    int pick = random.nextInt(4);
                    if (pick == 0) {
                        continue;
                    }
                    StringBuilder v = new StringBuilder();
                    for (int i = random.nextInt(6); i > 0; i--) {
                        v.append(alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                    m.put(key, pick == 1 ? null : key.equals("extra") ? List.of(v.toString(), 3L) : v.toString());
                }
                objects.add(m);
            }
            String text = Json.write(objects);
            List<List<String>> expected = new ArrayList<>();
            for (Object o : Json.readArray(text)) {
                Map<?, ?> m = (Map<?, ?>) o;
                expected.add(Arrays.asList((String) m.get("id"), (String) m.get("state"), (String) m.get("a\"b")));
            }
            assertEquals(expected, flat(text), text);
        }
    }

    @Test
    void refusesWhatIsNotAnArrayOfObjectsWithStringValues() {
        for (String bad : List.of(
                "{}",
                "[1]",
                "[{\"id\": 1}]",
                "[{\"id\": [\"x\"]}]",
                "[{}] x",
                "[{\"id\" \"x\"}]",
                "[{\"id\": \"x\"",
                "[{\"id\": \"x\"}",
                "[{id: \"x\"}]",
                "[{\"id",
                "")) {
            assertThrows(IllegalArgumentException.class, () -> Json.readFlatObjects(bad, KEYS), bad);
        }
    }
}
