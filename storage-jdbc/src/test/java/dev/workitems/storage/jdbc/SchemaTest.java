package dev.workitems.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workitems.StorageFailureException;
import dev.workitems.testkit.Fixture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/** Migrations, schema modes and dialect choice, on SQLite and on PostgreSQL. */
class SchemaTest {
    /** One schema-history row per migration file (V001-V006), each applied exactly once. */
    private static final long MIGRATIONS = 6;

    private static long sqliteCount(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void sqlite(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void migrationsAreIdempotentAndKeepTheData() throws Exception {
        Path file = SqliteStores.newFile();
        String id;
        try (JdbcWorkItemRepository first = JdbcWorkItemRepository.sqlite(file)) {
            id = new Fixture(first).generic(Fixture.FRED).id();
        }
        for (int i = 0; i < 3; i++) {
            try (JdbcWorkItemRepository again = JdbcWorkItemRepository.sqlite(file)) {
                assertTrue(again.findById(id).isPresent(), "data survives a restart");
            }
        }
        assertEquals(MIGRATIONS, sqliteCount(file, "SELECT count(*) FROM workitems_schema_history"));
        assertEquals(1, sqliteCount(file, "SELECT count(*) FROM workitems_work_item"));
    }

    @Test
    void aSweepReadsTheDueItemsFromThePartialIndexNotTheTable() throws Exception {
        Path file = SqliteStores.newFile();
        JdbcWorkItemRepository.sqlite(file).close();
        List<String> plan = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("EXPLAIN QUERY PLAN SELECT id FROM workitems_work_item"
                        + " WHERE timer_due_ms IS NOT NULL AND timer_due_ms <= 5"
                        + " AND (timer_due_ms, id) > (1, 'a') ORDER BY timer_due_ms, id LIMIT 200")) {
            while (rs.next()) {
                plan.add(rs.getString("detail"));
            }
        }
        assertEquals(1, plan.size(), "one step, no sort: " + plan);
        assertTrue(plan.get(0).contains("INDEX workitems_work_item_timer_due"), plan.toString());
        assertTrue(plan.get(0).contains("SEARCH"), "a range of the index, not a scan: " + plan);
    }

    @Test
    void validateModeAcceptsACurrentSchema() {
        Path file = SqliteStores.newFile();
        JdbcWorkItemRepository.sqlite(file).close();
        try (JdbcWorkItemRepository r = JdbcWorkItemRepository.builder()
                .sqliteFile(file)
                .schemaMode(SchemaMode.VALIDATE)
                .build()) {
            assertEquals(Dialect.SQLITE, r.dialect());
        }
    }

    @Test
    void validateModeReportsAMissingSchemaClearly() {
        Path file = SqliteStores.newFile();
        StorageFailureException e = assertThrows(
                StorageFailureException.class,
                () -> JdbcWorkItemRepository.builder()
                        .sqliteFile(file)
                        .schemaMode(SchemaMode.VALIDATE)
                        .build());
        assertTrue(e.getMessage().contains("workitems schema missing"), e.getMessage());
        assertTrue(e.getMessage().contains("V001__create_work_item"), e.getMessage());
        assertTrue(e.getMessage().contains("SchemaMode.CREATE"), e.getMessage());
    }

    @Test
    void validateModeReportsAnOlderSchemaClearly() throws Exception {
        Path file = SqliteStores.newFile();
        JdbcWorkItemRepository.sqlite(file).close();
        sqlite(file, "DELETE FROM workitems_schema_history");
        StorageFailureException e = assertThrows(
                StorageFailureException.class,
                () -> JdbcWorkItemRepository.builder()
                        .sqliteFile(file)
                        .schemaMode(SchemaMode.VALIDATE)
                        .build());
        assertTrue(e.getMessage().contains("schema is at version 0, this library needs version 6"), e.getMessage());
        assertTrue(e.getMessage().contains("V001__create_work_item is not applied"), e.getMessage());
    }

    @Test
    void aRunningStoreValidatesItsSchemaOnDemandForHealthChecks() throws Exception {
        Path file = SqliteStores.newFile();
        try (JdbcWorkItemRepository store = JdbcWorkItemRepository.sqlite(file)) {
            store.validateSchema();
            sqlite(file, "DELETE FROM workitems_schema_history WHERE version = 6");
            StorageFailureException e = assertThrows(StorageFailureException.class, store::validateSchema);
            assertTrue(e.getMessage().contains("V006__reassignment_audit is not applied"), e.getMessage());
        }
    }

    @Test
    void validateModeReportsAChangedOrNewerSchema() throws Exception {
        Path file = SqliteStores.newFile();
        JdbcWorkItemRepository.sqlite(file).close();
        sqlite(file, "UPDATE workitems_schema_history SET checksum = 'abc' WHERE version = 1");
        StorageFailureException e = assertThrows(
                StorageFailureException.class,
                () -> JdbcWorkItemRepository.builder()
                        .sqliteFile(file)
                        .schemaMode(SchemaMode.VALIDATE)
                        .build());
        assertTrue(e.getMessage().contains("different file"), e.getMessage());
        assertThrows(
                StorageFailureException.class,
                () -> JdbcWorkItemRepository.sqlite(file),
                "create mode also refuses a schema applied from other files");

        Path newer = SqliteStores.newFile();
        JdbcWorkItemRepository.sqlite(newer).close();
        sqlite(newer, "INSERT INTO workitems_schema_history VALUES (999, 'V999__future', 'x', 0)");
        e = assertThrows(StorageFailureException.class, () -> JdbcWorkItemRepository.sqlite(newer));
        assertTrue(e.getMessage().contains("V999__future is newer than this library"), e.getMessage());
    }

    @Test
    void noneModeTouchesNothing() throws Exception {
        Path file = SqliteStores.newFile();
        try (JdbcWorkItemRepository r = JdbcWorkItemRepository.builder()
                .sqliteFile(file)
                .schemaMode(SchemaMode.NONE)
                .build()) {
            assertEquals(0, sqliteCount(file, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'workitems_%'"));
            assertThrows(
                    StorageFailureException.class,
                    () -> r.findById("x"),
                    "without tables, calls fail as storage failures");
        }
    }

    @Test
    void theDialectComesFromTheUrlOrTheConnectionAndCanBeSet() throws Exception {
        assertEquals(Dialect.SQLITE, Dialect.fromJdbcUrl("jdbc:sqlite:/tmp/x.db"));
        assertEquals(Dialect.POSTGRESQL, Dialect.fromJdbcUrl("jdbc:postgresql://h/db"));
        assertThrows(IllegalArgumentException.class, () -> Dialect.fromJdbcUrl("jdbc:h2:mem:x"));
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite:" + SqliteStores.newFile());
        try (JdbcWorkItemRepository r =
                JdbcWorkItemRepository.builder().dataSource(sqlite).build()) {
            assertEquals(Dialect.SQLITE, r.dialect());
            assertTrue(new Fixture(r).generic(Fixture.FRED).id().length() == 32);
        }
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setUrl(PostgresStores.urlFor(PostgresStores.newSchema()));
        pg.setUser(PostgresStores.user());
        if (PostgresStores.password() != null) {
            pg.setPassword(PostgresStores.password());
        }
        try (JdbcWorkItemRepository r =
                JdbcWorkItemRepository.builder().dataSource(pg).build()) {
            assertEquals(Dialect.POSTGRESQL, r.dialect());
        }
        try (JdbcWorkItemRepository r = JdbcWorkItemRepository.builder()
                .dataSource(pg)
                .dialect(Dialect.POSTGRESQL)
                .schemaMode(SchemaMode.VALIDATE)
                .build()) {
            assertEquals(Dialect.POSTGRESQL, r.dialect());
        }
    }

    @Test
    void postgresValidateModeReportsAMissingSchema() {
        String url = PostgresStores.urlFor(PostgresStores.newSchema());
        StorageFailureException e = assertThrows(
                StorageFailureException.class,
                () -> JdbcWorkItemRepository.builder()
                        .jdbcUrl(url)
                        .username(PostgresStores.user())
                        .password(PostgresStores.password())
                        .schemaMode(SchemaMode.VALIDATE)
                        .build());
        assertTrue(e.getMessage().contains("workitems schema missing"), e.getMessage());
    }

    @Test
    void instancesStartingTogetherMigrateOnce() throws Exception {
        Path file = SqliteStores.newFile();
        String pgUrl = PostgresStores.urlFor(PostgresStores.newSchema());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<JdbcWorkItemRepository>> opened = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                opened.add(pool.submit(() -> JdbcWorkItemRepository.sqlite(file)));
                opened.add(pool.submit(() -> JdbcWorkItemRepository.builder()
                        .jdbcUrl(pgUrl)
                        .username(PostgresStores.user())
                        .password(PostgresStores.password())
                        .maximumPoolSize(2)
                        .build()));
            }
            for (Future<JdbcWorkItemRepository> f : opened) {
                f.get(60, TimeUnit.SECONDS).close();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(MIGRATIONS, sqliteCount(file, "SELECT count(*) FROM workitems_schema_history"));
        try (Connection c = DriverManager.getConnection(pgUrl, PostgresStores.user(), PostgresStores.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM workitems_schema_history")) {
            rs.next();
            assertEquals(MIGRATIONS, rs.getLong(1));
        }
    }
}
