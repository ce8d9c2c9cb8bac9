package dev.workitems.storage.jdbc;

import org.jdbi.v3.core.Jdbi;

import java.util.Locale;

/** The databases the JDBC store speaks. Chosen from the JDBC URL or connection metadata, or set explicitly. */
public enum Dialect {
    /**
     * SQLite through sqlite-jdbc: a file, WAL journal, busy timeout, foreign keys on. The embedded default. One
     * transaction writes at a time, so an event's {@code seq} is taken in commit order and is its feed position.
     */
    SQLITE("sqlite") {
        @Override
        String feedQuery(String columns) {
            return "SELECT seq, " + columns + " FROM workitems_event WHERE seq > :after ORDER BY seq LIMIT :limit";
        }

        @Override
        String insertEvent(String insert) {
            return insert;
        }

        @Override
        void numberFeed(Jdbi jdbi) {
        }
    },
    /**
     * PostgreSQL through the postgresql driver: for several host instances sharing one database. Transactions may
     * commit in another order than the one in which they took a {@code seq}, so feed positions are given to committed
     * events by the readers, one at a time (see {@code V002__event_feed.sql}).
     */
    POSTGRESQL("postgresql") {
        @Override
        String feedQuery(String columns) {
            return "SELECT p.position, " + columns + " FROM workitems_feed_position p JOIN workitems_event e ON e.seq = p.seq "
                    + "WHERE p.position > :after ORDER BY p.position LIMIT :limit";
        }

        @Override
        String insertEvent(String insert) {
            return "WITH ev AS (" + insert + " RETURNING seq) INSERT INTO workitems_feed_pending (seq) SELECT seq FROM ev";
        }

        @Override
        void numberFeed(Jdbi jdbi) {
            boolean waiting = jdbi.withHandle(h -> h.createQuery(
                    "SELECT EXISTS (SELECT 1 FROM workitems_feed_pending)").mapTo(Boolean.class).one());
            if (!waiting) {
                return;
            }
            int moved = jdbi.inTransaction(h -> {
                // The lock first, then a new statement (a new snapshot under READ COMMITTED): it sees every event the
                // reader before us numbered, and numbers only committed events, so later commits get higher numbers.
                long last = h.createQuery("SELECT last_position FROM workitems_feed_head WHERE id = 1 FOR UPDATE")
                        .mapTo(Long.class).one();
                int numbered = h.createUpdate("WITH unnumbered AS (DELETE FROM workitems_feed_pending WHERE seq IN "
                                + "(SELECT seq FROM workitems_feed_pending ORDER BY seq LIMIT " + NUMBER_BATCH + ") RETURNING seq) "
                                + "INSERT INTO workitems_feed_position (position, seq) "
                                + "SELECT :last + row_number() OVER (ORDER BY seq), seq FROM unnumbered")
                        .bind("last", last).execute();
                if (numbered > 0) {
                    h.createUpdate("UPDATE workitems_feed_head SET last_position = :p WHERE id = 1")
                            .bind("p", last + numbered).execute();
                }
                return numbered;
            });
            if (moved >= VACUUM_AFTER) {
                // A large round leaves as many dead rows in the small pending table, which every later read would step
                // over (measured: 8 ms a read after numbering a 1,000,000-event backlog) until autovacuum comes by.
                try {
                    jdbi.useHandle(h -> h.execute("VACUUM workitems_feed_pending"));
                } catch (org.jdbi.v3.core.JdbiException e) {
                    System.getLogger(Dialect.class.getName()).log(System.Logger.Level.DEBUG,
                            "VACUUM of workitems_feed_pending failed; autovacuum will do it", e);
                }
            }
        }
    };

    /** The most events one numbering round gives positions to. */
    static final int NUMBER_BATCH = 20_000;
    /** After a numbering round of at least this many events, the pending table is vacuumed at once. */
    static final int VACUUM_AFTER = 1_000;

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /**
     * @param columns the event columns to read after the position
     * @return the query of up to {@code :limit} feed events after position {@code :after}, in feed order, the
     *         position first
     */
    abstract String feedQuery(String columns);

    /**
     * @param insert an {@code INSERT INTO workitems_event ...} statement
     * @return the statement that writes those events, with what the feed needs of each (on PostgreSQL, its seq in
     *         the table of events still to be numbered)
     */
    abstract String insertEvent(String insert);

    /**
     * Makes every event committed so far readable by position (a no-op where the position is taken at write time).
     *
     * @param jdbi the database
     */
    abstract void numberFeed(Jdbi jdbi);

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
