package dev.workitems.storage.jdbc;

import java.util.Locale;

/**
 * The databases the JDBC store speaks. Chosen from the JDBC URL or connection metadata, or set explicitly. What each
 * does differently lives in one class per database; the store's other SQL is the same on all of them.
 */
public enum Dialect {
    /**
     * SQLite through sqlite-jdbc: a file, WAL journal, busy timeout, foreign keys on. The embedded default. One
     * transaction writes at a time, so an event's {@code seq} is taken in commit order and is its feed position.
     */
    SQLITE(new SqliteDialect()),
    /**
     * PostgreSQL through the postgresql driver: for several host instances sharing one database. Transactions may
     * commit in another order than the one in which they took a {@code seq}, so feed positions are given to committed
     * events by the readers, one at a time (see {@code V002__event_feed.sql}).
     */
    POSTGRESQL(new PostgresDialect());

    private final SqlDialect sql;

    Dialect(SqlDialect sql) {
        this.sql = sql;
    }

    /** @return what this database does differently */
    SqlDialect sql() {
        return sql;
    }

    /** @return the folder of this dialect's migration files under {@code dev/workitems/storage/jdbc/migrations/} */
    public String migrationFolder() {
        return sql.migrationFolder();
    }

    /**
     * @param jdbcUrl a JDBC URL
     * @return the dialect it names
     * @throws IllegalArgumentException for any other database
     */
    public static Dialect fromJdbcUrl(String jdbcUrl) {
        String u = jdbcUrl == null ? "" : jdbcUrl.toLowerCase(Locale.ROOT);
        for (Dialect d : values()) {
            if (d.sql.acceptsUrl(u)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unsupported JDBC URL (SQLite or PostgreSQL expected): " + jdbcUrl);
    }

    /**
     * @param databaseProductName what {@code DatabaseMetaData.getDatabaseProductName()} returns
     * @return the dialect
     * @throws IllegalArgumentException for any other database
     */
    public static Dialect fromProductName(String databaseProductName) {
        String p = databaseProductName == null ? "" : databaseProductName.toLowerCase(Locale.ROOT);
        for (Dialect d : values()) {
            if (d.sql.isProduct(p)) {
                return d;
            }
        }
        throw new IllegalArgumentException(
                "unsupported database (SQLite or PostgreSQL expected): " + databaseProductName);
    }
}
