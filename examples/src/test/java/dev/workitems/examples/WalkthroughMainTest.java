package dev.workitems.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workitems.storage.jdbc.JdbcWorkItemRepository;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's demo runs on the SQLite default and on PostgreSQL, and prints the whole walkthrough. */
class WalkthroughMainTest {

    private static final List<String> EXPECTED = List.of(
            "Ginger opens My Tasks",
            "X-Total-Count = 5",
            "approve the item Ginger just rejected (D8) -> 400 400.1.409 Work item state conflict",
            "(notifier) mail to Cyd.Charisse",
            "account selection: {account=fred-astaire-sp}",
            "403 403 Forbidden",
            "400 400.1 Bad Request Content",
            "400.1.404 Referenced object not found",
            "Ginger's summary is unchanged: WorkItemSummary[open=1, completed=3, total=4]",
            "closed and reopened the store: Ginger's summary is still WorkItemSummary[open=1, completed=3, total=4]",
            "still has 5 events",
            "30 days later the host's daily timer sweep expired the badge task: 1 escalation step");

    private static String run(java.util.function.Supplier<JdbcWorkItemRepository> open) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        WalkthroughMain.run(open, "test store", new PrintStream(buffer, true, StandardCharsets.UTF_8));
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void walksThroughOnSqlite(@TempDir Path dir) {
        String output = run(() -> JdbcWorkItemRepository.sqlite(dir.resolve("demo.db")));
        EXPECTED.forEach(e -> assertTrue(output.contains(e), "missing: " + e + "\n" + output));
        String second = run(() -> JdbcWorkItemRepository.sqlite(dir.resolve("demo.db")));
        assertTrue(second.contains("X-Total-Count = 5"), "a second run on the same file tells the same story");
    }

    @Test
    void walksThroughOnPostgres() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            String output = run(() -> JdbcWorkItemRepository.builder()
                    .jdbcUrl(url)
                    .username("postgres")
                    .build());
            EXPECTED.forEach(e -> assertTrue(output.contains(e), "missing: " + e + "\n" + output));
        }
    }
}
