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

/** Opens the systems under test by name, each on a fresh database. */
final class Systems {
    private static EmbeddedPostgres pg;

    private Systems() {
    }

    private static synchronized String postgresDatabase(String name) {
        try {
            if (pg == null) {
                pg = EmbeddedPostgres.builder().setServerConfig("shared_buffers", "256MB").start();
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

    static TaskSystem open(String name) {
        switch (name) {
            case "workitems-memory":
                return new WorkItemsSystem(new InMemoryWorkItemRepository());
            case "workitems-sqlite":
                try {
                    Path dir = Files.createTempDirectory("wi-bench");
                    return new WorkItemsSystem(JdbcWorkItemRepository.sqlite(dir.resolve("bench.db")));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            case "workitems-postgres":
                return new WorkItemsSystem(JdbcWorkItemRepository.builder().jdbcUrl(postgresDatabase("workitems"))
                        .username("postgres").build());
            case "floor-sqlite":
                try {
                    Path file = Files.createTempDirectory("wi-floor").resolve("floor.db");
                    JdbcWorkItemRepository schema = JdbcWorkItemRepository.sqlite(file);
                    org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
                    config.setJournalMode(org.sqlite.SQLiteConfig.JournalMode.WAL);
                    config.setSynchronous(org.sqlite.SQLiteConfig.SynchronousMode.NORMAL);
                    config.setBusyTimeout(10_000);
                    config.setTransactionMode(org.sqlite.SQLiteConfig.TransactionMode.IMMEDIATE);
                    com.zaxxer.hikari.HikariConfig hc = new com.zaxxer.hikari.HikariConfig();
                    hc.setJdbcUrl("jdbc:sqlite:" + file);
                    hc.setDataSourceProperties(config.toProperties());
                    hc.setMaximumPoolSize(4);
                    return new FloorSystem(schema, new com.zaxxer.hikari.HikariDataSource(hc));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            case "floor-postgres": {
                String url = postgresDatabase("floor");
                JdbcWorkItemRepository schema = JdbcWorkItemRepository.builder().jdbcUrl(url).username("postgres").build();
                com.zaxxer.hikari.HikariConfig hc = new com.zaxxer.hikari.HikariConfig();
                hc.setJdbcUrl(url);
                hc.setUsername("postgres");
                hc.setMaximumPoolSize(10);
                return new FloorSystem(schema, new com.zaxxer.hikari.HikariDataSource(hc));
            }
            case "flowable-h2":
                return new FlowableSystem("jdbc:h2:mem:flowable;DB_CLOSE_DELAY=-1", "sa", "", "org.h2.Driver", true);
            case "flowable-postgres":
                return new FlowableSystem(postgresDatabase("flowable"), "postgres", null, "org.postgresql.Driver", true);
            case "flowable-postgres-noindex":
                return new FlowableSystem(postgresDatabase("flowable_noindex"), "postgres", null, "org.postgresql.Driver", false);
            default:
                throw new IllegalArgumentException("unknown system " + name);
        }
    }
}
