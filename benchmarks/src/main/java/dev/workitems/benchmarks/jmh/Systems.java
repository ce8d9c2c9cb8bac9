package dev.workitems.benchmarks.jmh;

import dev.workitems.storage.jdbc.JdbcWorkItemRepository;
import dev.workitems.storage.memory.InMemoryWorkItemRepository;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Opens the systems under test by name, each on a fresh database. */
final class Systems {
    private static EmbeddedPostgres pg;
    private static int h2Databases;

    private Systems() {}

    /** @return the PostgreSQL server's version, starting it if needed */
    static String postgresVersion() {
        String url = postgresDatabase("version_probe");
        try (Connection c = DriverManager.getConnection(url, "postgres", null);
                Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static synchronized String postgresDatabase(String name) {
        try {
            if (pg == null) {
                pg = EmbeddedPostgres.builder()
                        .setServerConfig("shared_buffers", "256MB")
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException ignored) {
                        // the JVM is going away
                    }
                }));
            }
            try (Connection c = DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres"), "postgres", null);
                    Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name);
                s.execute("CREATE DATABASE " + name);
            }
            return pg.getJdbcUrl("postgres", name);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start PostgreSQL", e);
        }
    }

    private static Path tempFile(String prefix, String name) {
        try {
            return Files.createTempDirectory(prefix).resolve(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The floor's own pool on a SQLite file: the library's connection settings, plain Hikari. */
    private static com.zaxxer.hikari.HikariDataSource sqlitePool(Path file) {
        org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
        config.setJournalMode(org.sqlite.SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(org.sqlite.SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        config.setTransactionMode(org.sqlite.SQLiteConfig.TransactionMode.IMMEDIATE);
        config.setCacheSize(-32 * 1024);
        com.zaxxer.hikari.HikariConfig hc = new com.zaxxer.hikari.HikariConfig();
        hc.setJdbcUrl("jdbc:sqlite:" + file);
        hc.setDataSourceProperties(config.toProperties());
        hc.setMaximumPoolSize(4);
        return new com.zaxxer.hikari.HikariDataSource(hc);
    }

    private static com.zaxxer.hikari.HikariDataSource postgresPool(String url) {
        com.zaxxer.hikari.HikariConfig hc = new com.zaxxer.hikari.HikariConfig();
        hc.setJdbcUrl(url);
        hc.setUsername("postgres");
        hc.setMaximumPoolSize(10);
        return new com.zaxxer.hikari.HikariDataSource(hc);
    }

    /**
     * Opens systems that share data where they can: {@code floor-sqlite} and {@code floor-postgres} work on the very
     * rows {@code workitems-sqlite} and {@code workitems-postgres} load (same file, same database, their own
     * connections), {@code workitems-sqlite-http} serves {@code workitems-sqlite}'s service over loopback, and
     * {@code workitems-postgres-nocache} is a second service on {@code workitems-postgres}'s store without an item
     * cache (every write reads its item first).
     *
     * @param names systems, in the order to open them
     * @return each system by name, and whether it loads its own data
     */
    static Map<String, TaskSystem> openAll(List<String> names) {
        Map<String, TaskSystem> open = new LinkedHashMap<>();
        Path sqliteFile = null;
        String workitemsPostgres = null;
        for (String name : names) {
            switch (name) {
                case "workitems-sqlite":
                    sqliteFile = tempFile("wi-bench", "bench.db");
                    open.put(name, new WorkItemsSystem(JdbcWorkItemRepository.sqlite(sqliteFile)));
                    break;
                case "workitems-postgres":
                    workitemsPostgres = postgresDatabase("workitems");
                    open.put(
                            name,
                            new WorkItemsSystem(JdbcWorkItemRepository.builder()
                                    .jdbcUrl(workitemsPostgres)
                                    .username("postgres")
                                    .build()));
                    break;
                case "workitems-postgres-nocache":
                    if (!open.containsKey("workitems-postgres")) {
                        throw new IllegalArgumentException(
                                name + " writes to workitems-postgres's store: list it first");
                    }
                    open.put(name, new WorkItemsSystem(((WorkItemsSystem) open.get("workitems-postgres")).store(), 0));
                    break;
                case "floor-sqlite":
                    if (sqliteFile != null) {
                        WorkItemsSystem wi = (WorkItemsSystem) open.get("workitems-sqlite");
                        open.put(
                                name,
                                new FloorSystem(
                                        (JdbcWorkItemRepository) wi.store(),
                                        sqlitePool(sqliteFile),
                                        true,
                                        true,
                                        false));
                    } else {
                        open.put(name, open(name));
                    }
                    break;
                case "floor-postgres":
                    if (workitemsPostgres != null) {
                        WorkItemsSystem wi = (WorkItemsSystem) open.get("workitems-postgres");
                        open.put(
                                name,
                                new FloorSystem(
                                        (JdbcWorkItemRepository) wi.store(),
                                        postgresPool(workitemsPostgres),
                                        true,
                                        true,
                                        false));
                    } else {
                        open.put(name, open(name));
                    }
                    break;
                case "workitems-sqlite-http":
                    if (!open.containsKey("workitems-sqlite")) {
                        throw new IllegalArgumentException(
                                "workitems-sqlite-http serves workitems-sqlite: list it first");
                    }
                    open.put(name, new HttpSystem((WorkItemsSystem) open.get("workitems-sqlite")));
                    break;
                case "floor-http":
                    if (!open.containsKey("workitems-sqlite-http")) {
                        throw new IllegalArgumentException(
                                "floor-http stands beside workitems-sqlite-http: list it first");
                    }
                    open.put(name, HttpFloorSystem.open((WorkItemsSystem) open.get("workitems-sqlite"), (HttpSystem)
                            open.get("workitems-sqlite-http")));
                    break;
                default:
                    open.put(name, open(name));
            }
        }
        return open;
    }

    /**
     * @param name a system
     * @return whether it shares (does not load) data when opened by {@link #openAll} with the others named
     */
    static boolean sharesData(String name, List<String> names) {
        return (name.equals("floor-sqlite") && names.contains("workitems-sqlite"))
                || (name.equals("floor-postgres") && names.contains("workitems-postgres"))
                || name.equals("workitems-sqlite-http")
                || name.equals("floor-http")
                || name.equals("workitems-postgres-nocache");
    }

    /** @param name a system @return it, on data of its own */
    static TaskSystem open(String name) {
        switch (name) {
            case "workitems-memory":
                return new WorkItemsSystem(new InMemoryWorkItemRepository());
            case "workitems-sqlite":
                return new WorkItemsSystem(JdbcWorkItemRepository.sqlite(tempFile("wi-bench", "bench.db")));
            case "workitems-postgres":
                return new WorkItemsSystem(JdbcWorkItemRepository.builder()
                        .jdbcUrl(postgresDatabase("workitems"))
                        .username("postgres")
                        .build());
            case "floor-sqlite":
            case "floor-feed-sqlite":
            case "floor-nofeed-sqlite": {
                Path file = tempFile("wi-floor", "floor.db");
                return new FloorSystem(
                        JdbcWorkItemRepository.sqlite(file),
                        sqlitePool(file),
                        false,
                        !name.contains("nofeed"),
                        !name.equals("floor-sqlite"));
            }
            case "floor-postgres":
            case "floor-feed-postgres":
            case "floor-nofeed-postgres": {
                String url = postgresDatabase(name.replace('-', '_'));
                JdbcWorkItemRepository schema = JdbcWorkItemRepository.builder()
                        .jdbcUrl(url)
                        .username("postgres")
                        .build();
                return new FloorSystem(
                        schema, postgresPool(url), false, !name.contains("nofeed"), !name.equals("floor-postgres"));
            }
            case "naive-sqlite":
                return new NaiveFloorSystem(sqlitePool(tempFile("wi-naive", "naive.db")));
            case "flowable-h2":
                return new FlowableSystem(
                        "jdbc:h2:mem:flowable" + (++h2Databases) + ";DB_CLOSE_DELAY=-1",
                        "sa",
                        "",
                        "org.h2.Driver",
                        true);
            case "flowable-postgres":
                return new FlowableSystem(
                        postgresDatabase("flowable"), "postgres", null, "org.postgresql.Driver", true);
            case "flowable-postgres-noindex":
                return new FlowableSystem(
                        postgresDatabase("flowable_noindex"), "postgres", null, "org.postgresql.Driver", false);
            default:
                throw new IllegalArgumentException("unknown system " + name);
        }
    }
}
