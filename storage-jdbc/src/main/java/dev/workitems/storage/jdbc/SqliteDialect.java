package dev.workitems.storage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import dev.workitems.StorageFailureException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;

/**
 * SQLite through sqlite-jdbc: a file, WAL journal, busy timeout, foreign keys on, write transactions begun IMMEDIATE.
 * One transaction writes at a time, so an event's {@code seq} is taken in commit order and is its feed position.
 */
final class SqliteDialect implements SqlDialect {
    /** sqlite-jdbc's result codes for a busy or locked database. */
    private static final int SQLITE_BUSY = 5;

    private static final int SQLITE_LOCKED = 6;

    @Override
    public String migrationFolder() {
        return "sqlite";
    }

    @Override
    public boolean acceptsUrl(String lowerCaseUrl) {
        return lowerCaseUrl.startsWith("jdbc:sqlite:");
    }

    @Override
    public boolean isProduct(String lowerCaseProduct) {
        return lowerCaseProduct.contains("sqlite");
    }

    @Override
    public void configurePool(HikariConfig pool, JdbcWorkItemRepository.Builder settings) {
        Path file = Path.of(settings.jdbcUrl.substring("jdbc:sqlite:".length()).split("\\?")[0]);
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        } catch (java.io.IOException e) {
            throw new StorageFailureException("cannot create the folder of " + file, e);
        }
        SQLiteConfig sc = new SQLiteConfig();
        sc.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sc.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sc.setBusyTimeout((int) settings.busyTimeout.toMillis());
        sc.enforceForeignKeys(true);
        sc.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        sc.setCacheSize(-settings.sqliteCacheKib);
        pool.setDataSourceProperties(sc.toProperties());
        pool.setMaximumPoolSize(settings.maximumPoolSize != null ? settings.maximumPoolSize : 4);
    }

    @Override
    public void configure(Jdbi jdbi) {
        jdbi.setStatementBuilderFactory(new SqliteStatementCache());
    }

    @Override
    public String tableCountQuery() {
        return "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = :t";
    }

    @Override
    public boolean isTransient(SQLException e) {
        return e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_LOCKED;
    }

    @Override
    public String feedQuery(String columns) {
        return "SELECT seq, " + columns + " FROM workitems_event WHERE seq > :after ORDER BY seq LIMIT :limit";
    }
}
