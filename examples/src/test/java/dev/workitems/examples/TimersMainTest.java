package dev.workitems.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workitems.storage.jdbc.JdbcWorkItemRepository;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's timers example tells the same fifteen days on a SQLite file, twice on the same file. */
class TimersMainTest {

    private static final List<String> EXPECTED = List.of(
            "(mail) to Ginger: reminder #1 of \"Access Request: GitHub\"",
            "(mail) to Cyd: escalation[0] of \"Access Request: GitHub\"",
            "escalation escalation[0] reassign: applied, Ginger -> Cyd",
            "escalation escalation[0] notify: applied, told Ada",
            "expired by timer: badge not printed",
            "rejected by timer (approval item)",
            "expired by timer: no decision within 14 days",
            "\"Access Request: GitHub\": Expired, owned by Cyd, 3 reminder(s) sent, 3 of 3 step(s) run",
            "\"Access Request: Jira\": Finished, owned by Ginger, 1 reminder(s) sent, 0 of 3 step(s) run",
            "\"Print a badge\": Expired, owned by Ginger, 1 reminder(s) sent, 2 of 2 step(s) run");

    private static String run(JdbcWorkItemRepository store) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        TimersMain.run(() -> store, "test store", new PrintStream(buffer, true, StandardCharsets.UTF_8));
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void fifteenDaysOfTimersOnSqlite(@TempDir Path dir) {
        String first;
        try (JdbcWorkItemRepository store = JdbcWorkItemRepository.sqlite(dir.resolve("timers.db"))) {
            first = run(store);
        }
        EXPECTED.forEach(e -> assertTrue(first.contains(e), "missing: " + e + "\n" + first));
        assertEquals(1, first.split("Jira:\\s+reminded", -1).length - 1, "the Jira item, decided on day 3, got one");
        String second;
        try (JdbcWorkItemRepository store = JdbcWorkItemRepository.sqlite(dir.resolve("timers.db"))) {
            second = run(store);
        }
        EXPECTED.forEach(e -> assertTrue(second.contains(e), "a second run on the same file: " + e + "\n" + second));
    }
}
