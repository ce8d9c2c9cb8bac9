package dev.workitems.storage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import dev.workitems.HistoryEvent;
import dev.workitems.WorkItem;
import dev.workitems.spi.WorkItemWrite;
import java.sql.SQLException;
import java.util.List;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * PostgreSQL through the postgresql driver: for several host instances sharing one database. Transactions may commit in
 * another order than the one in which they took a {@code seq}, so feed positions are given to committed events by the
 * readers, one at a time (see {@code V002__event_feed.sql}); a change whose previous version the service knows is
 * written in one statement.
 */
final class PostgresDialect implements SqlDialect {
    /** The most events one numbering round gives positions to. */
    static final int NUMBER_BATCH = 20_000;
    /** After a numbering round of at least this many events, the pending table is vacuumed at once. */
    static final int VACUUM_AFTER = 1_000;

    private static final long MIGRATION_LOCK_KEY = 0x776f726b6974656dL; // "workitem"
    private static final String DEADLOCK = "40P01";
    private static final String SERIALIZATION_FAILURE = "40001";

    @Override
    public String migrationFolder() {
        return "postgresql";
    }

    @Override
    public boolean acceptsUrl(String lowerCaseUrl) {
        return lowerCaseUrl.startsWith("jdbc:postgresql:");
    }

    @Override
    public boolean isProduct(String lowerCaseProduct) {
        return lowerCaseProduct.contains("postgres");
    }

    @Override
    public void configurePool(HikariConfig pool, JdbcWorkItemRepository.Builder settings) {
        pool.setMaximumPoolSize(settings.maximumPoolSize != null ? settings.maximumPoolSize : 10);
    }

    @Override
    public void lockMigrations(Handle h) {
        // Several instances may start at once: one migrates, the others wait and then find it done.
        h.createQuery("SELECT CAST(pg_advisory_xact_lock(:k) AS TEXT)")
                .bind("k", MIGRATION_LOCK_KEY)
                .mapTo(String.class)
                .one();
    }

    @Override
    public String tableCountQuery() {
        return "SELECT count(*) FROM information_schema.tables WHERE table_name = :t AND table_schema = "
                + "current_schema()";
    }

    @Override
    public String lockRowForUpdate() {
        return " FOR UPDATE";
    }

    @Override
    public boolean isTransient(SQLException e) {
        return DEADLOCK.equals(e.getSQLState()) || SERIALIZATION_FAILURE.equals(e.getSQLState());
    }

    @Override
    public String feedQuery(String columns) {
        return "SELECT p.position, " + columns
                + " FROM workitems_feed_position p JOIN workitems_event e ON e.seq = p.seq "
                + "WHERE p.position > :after ORDER BY p.position LIMIT :limit";
    }

    @Override
    public String insertEvent(String insert) {
        return "WITH ev AS (" + insert + " RETURNING seq) INSERT INTO workitems_feed_pending (seq) SELECT seq FROM ev";
    }

    @Override
    public void numberFeed(Jdbi jdbi) {
        boolean waiting = jdbi.withHandle(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM workitems_feed_pending)")
                .mapTo(Boolean.class)
                .one());
        if (!waiting) {
            return;
        }
        int moved = jdbi.inTransaction(h -> {
            // The lock first, then a new statement (a new snapshot under READ COMMITTED): it sees every event the
            // reader before us numbered, and numbers only committed events, so later commits get higher numbers.
            long last = h.createQuery("SELECT last_position FROM workitems_feed_head WHERE id = 1 FOR UPDATE")
                    .mapTo(Long.class)
                    .one();
            int numbered = h.createUpdate("WITH unnumbered AS (DELETE FROM workitems_feed_pending WHERE seq IN "
                            + "(SELECT seq FROM workitems_feed_pending ORDER BY seq LIMIT " + NUMBER_BATCH
                            + ") RETURNING seq) "
                            + "INSERT INTO workitems_feed_position (position, seq) "
                            + "SELECT :last + row_number() OVER (ORDER BY seq), seq FROM unnumbered")
                    .bind("last", last)
                    .execute();
            if (numbered > 0) {
                h.createUpdate("UPDATE workitems_feed_head SET last_position = :p WHERE id = 1")
                        .bind("p", last + numbered)
                        .execute();
            }
            return numbered;
        });
        if (moved >= VACUUM_AFTER) {
            // A large round leaves as many dead rows in the small pending table, which every later read would step
            // over (measured: 8 ms a read after numbering a 1,000,000-event backlog) until autovacuum comes by.
            try {
                jdbi.useHandle(h -> h.execute("VACUUM workitems_feed_pending"));
            } catch (org.jdbi.v3.core.JdbiException e) {
                System.getLogger(PostgresDialect.class.getName())
                        .log(
                                System.Logger.Level.DEBUG,
                                "VACUUM of workitems_feed_pending failed; autovacuum will do it",
                                e);
            }
        }
    }

    @Override
    public boolean updatesInOneStatement() {
        return true;
    }

    /**
     * The item update, the counter moves and the history insert as one data-modifying statement, so a change costs one
     * round trip and is atomic without an explicit transaction. Counters and events are written only if the versioned
     * update matched its row.
     */
    @Override
    public int updateInOneStatement(
            Handle h, WorkItemWrite write, ItemCodec.Change change, TreeMap<String, long[]> deltas) {
        WorkItem next = write.item();
        WorkItem previous = write.previous();
        StringBuilder sql = new StringBuilder("WITH upd AS (UPDATE " + ItemCodec.ITEMS + " SET " + change.assignments()
                + " WHERE id = :id AND version = :expected RETURNING id)");
        if (!deltas.isEmpty()) {
            sql.append(
                    ", cnt AS (INSERT INTO workitems_owner_count (owner_id, pending, completed) SELECT d.o, d.p, d.c "
                            + "FROM (VALUES ");
            for (int i = 0; i < deltas.size(); i++) {
                sql.append(i == 0 ? "" : ", ")
                        .append("(CAST(:co")
                        .append(i)
                        .append(" AS TEXT), CAST(:cp")
                        .append(i)
                        .append(" AS BIGINT), CAST(:cc")
                        .append(i)
                        .append(" AS BIGINT))");
            }
            sql.append(") AS d(o, p, c) CROSS JOIN upd ON CONFLICT (owner_id) DO UPDATE SET ")
                    .append("pending = workitems_owner_count.pending + excluded.pending, ")
                    .append("completed = workitems_owner_count.completed + excluded.completed RETURNING 1)");
        }
        List<HistoryEvent> events = write.events();
        if (!events.isEmpty()) {
            sql.append(", ev AS (INSERT INTO " + ItemCodec.EVENTS + " (" + ItemCodec.EVENT_INSERT_COLUMNS + ") ")
                    .append("SELECT e.w, e.v, e.t, e.a, e.x, e.c, e.d, :ft, :fob, :foa, :fsb, :fsa FROM (VALUES ");
            for (int j = 0; j < events.size(); j++) {
                sql.append(j == 0 ? "" : ", ")
                        .append("(CAST(:ew")
                        .append(j)
                        .append(" AS TEXT), CAST(:ev")
                        .append(j)
                        .append(" AS BIGINT), CAST(:et")
                        .append(j)
                        .append(" AS BIGINT), CAST(:ea")
                        .append(j)
                        .append(" AS TEXT), CAST(:ex")
                        .append(j)
                        .append(" AS TEXT), CAST(:ec")
                        .append(j)
                        .append(" AS TEXT), CAST(:ed")
                        .append(j)
                        .append(" AS TEXT), ")
                        .append(j)
                        .append(")");
            }
            sql.append(") AS e(w, v, t, a, x, c, d, i) CROSS JOIN upd ORDER BY e.i RETURNING seq)")
                    .append(", pend AS (INSERT INTO workitems_feed_pending (seq) SELECT seq FROM ev)");
        }
        sql.append(" SELECT count(*) FROM upd");
        var q = change.bind(h.createQuery(sql.toString())).bind("expected", write.expectedVersion());
        if (!events.isEmpty()) {
            q.bind("ft", next.type().wireName())
                    .bind("fob", previous.ownerId())
                    .bind("foa", next.ownerId())
                    .bind("fsb", previous.state().wireName())
                    .bind("fsa", next.state().wireName());
        }
        int i = 0;
        for (var d : deltas.entrySet()) {
            q.bind("co" + i, d.getKey()).bind("cp" + i, d.getValue()[0]).bind("cc" + i, d.getValue()[1]);
            i++;
        }
        for (int j = 0; j < events.size(); j++) {
            HistoryEvent e = events.get(j);
            q.bind("ew" + j, e.workItemId())
                    .bind("ev" + j, e.itemVersion())
                    .bind("et" + j, e.at().toEpochMilli())
                    .bind("ea" + j, e.actorId())
                    .bind("ex" + j, e.action().name())
                    .bind("ec" + j, e.comment())
                    .bind("ed" + j, Json.write(e.data()));
        }
        return q.mapTo(Integer.class).one();
    }
}
