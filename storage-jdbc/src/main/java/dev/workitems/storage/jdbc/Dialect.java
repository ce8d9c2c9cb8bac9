package dev.workitems.storage.jdbc;

import java.util.Locale;

/** The databases the JDBC store speaks. Chosen from the JDBC URL or connection metadata, or set explicitly. */
public enum Dialect {
    /** SQLite through sqlite-jdbc: a file, WAL journal, busy timeout, foreign keys on. The embedded default. */
    SQLITE("sqlite"),
    /** PostgreSQL through the postgresql driver: for several host instances sharing one database. */
    POSTGRESQL("postgresql");

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /** @return the folder of this dialect's migration files under {@code dev/workitems/storage/jdbc/migrations/} */
    public String migrationFolder() {
        return folder;
    }

    /**
     * @param jdbcUrl a JDBC URL
     * @return the dialect it names
     * @throws IllegalArgumentException for any other database
     */
    public static Dialect fromJdbcUrl(String jdbcUrl) {
        String u = jdbcUrl == null ? "" : jdbcUrl.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (u.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
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
        if (p.contains("sqlite")) {
            return SQLITE;
        }
        if (p.contains("postgres")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported database (SQLite or PostgreSQL expected): " + databaseProductName);
    }
}
