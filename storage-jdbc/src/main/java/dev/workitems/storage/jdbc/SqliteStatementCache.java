package dev.workitems.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;
import org.sqlite.SQLiteConnection;
import org.sqlite.core.CoreStatement;
import org.sqlite.core.DB;

/**
 * Keeps SQLite's prepared statements per connection, so the store's few statements are compiled once per connection
 * instead of on every call (sqlite-jdbc has no statement cache of its own, and compiling was about a sixth of the time
 * of a write here).
 *
 * <p>The statements are prepared on the driver's connection, not on the pool's wrapper: a pool closes the statements
 * made through its wrapper when the connection goes back, which would defeat the cache. A statement is used by one
 * thread at a time because its connection is; when JDBI is done with it, it is reset (which ends its read) and its
 * parameters are cleared. At most {@value #PER_CONNECTION} statements are kept per connection, least recently used
 * first out; they close with their connection.
 */
final class SqliteStatementCache implements StatementBuilderFactory {
    static final int PER_CONNECTION = 64;

    private final Map<SQLiteConnection, Map<String, PreparedStatement>> caches =
            Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    public StatementBuilder createStatementBuilder(Connection conn) {
        SQLiteConnection physical;
        try {
            physical = conn.isWrapperFor(SQLiteConnection.class) ? conn.unwrap(SQLiteConnection.class) : null;
        } catch (SQLException e) {
            physical = null;
        }
        if (physical == null) {
            return new DefaultStatementBuilder();
        }
        return new Cached(physical, caches.computeIfAbsent(physical, k -> new Lru()));
    }

    /** Reads one statement's results; the statement is bound by the reader and reset after it. */
    @FunctionalInterface
    interface Read<T> {
        T from(PreparedStatement statement) throws SQLException;
    }

    /**
     * Runs one read on {@code conn}'s cached statement for {@code sql}, without JDBI: for the hottest reads (an item's
     * keys, an owner's counts), where opening a JDBI handle and statement cost about as much as SQLite's own work (a
     * get by id in the store took 13.3 us through JDBI, 10.3 us this way, here). The statement is reset and its
     * parameters cleared after, as when JDBI closes it.
     *
     * @param conn a connection of the store's own pool, in auto-commit
     * @param sql the statement, with {@code ?} parameters
     * @param read binds the parameters, executes and reads the results (closing them)
     * @return what {@code read} returned
     * @throws SQLException if the statement cannot be prepared or run
     */
    <T> T read(Connection conn, String sql, Read<T> read) throws SQLException {
        SQLiteConnection physical = conn.unwrap(SQLiteConnection.class);
        PreparedStatement ps = kept(physical, caches.computeIfAbsent(physical, k -> new Lru()), sql);
        try {
            return read.from(ps);
        } finally {
            release(ps);
        }
    }

    /** @return the connection's kept statement for {@code sql}, prepared and kept now if there is none */
    private static PreparedStatement kept(SQLiteConnection physical, Map<String, PreparedStatement> cache, String sql)
            throws SQLException {
        PreparedStatement ps = cache.get(sql);
        if (ps == null || ps.isClosed()) {
            ps = physical.prepareStatement(sql);
            cache.put(sql, ps);
        }
        return ps;
    }

    /** Ends a kept statement's read and clears its parameters (see {@link Cached#close}). */
    private static void release(PreparedStatement ps) throws SQLException {
        if (ps.isClosed()) {
            return;
        }
        if (ps instanceof CoreStatement core) {
            // End the statement's read now, whatever was read of it: a kept statement that was not reset would keep
            // its connection's snapshot, and later reads there would miss newer commits.
            core.pointer.safeRunInt(DB::reset);
        }
        ps.clearParameters(); // a batch is already cleared by its executeBatch (clearBatch itself is costly here)
    }

    /** One connection's statements, least recently used first. */
    private static final class Lru extends LinkedHashMap<String, PreparedStatement> {
        private static final long serialVersionUID = 1L;

        Lru() {
            super(16, 0.75f, true);
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= PER_CONNECTION) {
                return false;
            }
            try {
                eldest.getValue().close();
            } catch (SQLException ignored) {
                // it is out of the cache either way
            }
            return true;
        }
    }

    private static final class Cached extends DefaultStatementBuilder {
        private final SQLiteConnection physical;
        private final Map<String, PreparedStatement> cache;
        /** The cached statements this handle took (JDBI names a statement by its unparsed SQL when closing it). */
        private final Set<Statement> taken = Collections.newSetFromMap(new IdentityHashMap<>());

        Cached(SQLiteConnection physical, Map<String, PreparedStatement> cache) {
            this.physical = physical;
            this.cache = cache;
        }

        @Override
        public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
            if (ctx.isReturningGeneratedKeys() || ctx.isConcurrentUpdatable()) {
                return super.create(conn, sql, ctx);
            }
            PreparedStatement ps = kept(physical, cache, sql);
            taken.add(ps);
            return ps;
        }

        @Override
        public void close(Connection conn, String sql, Statement stmt) throws SQLException {
            if (taken.remove(stmt) && stmt instanceof PreparedStatement ps && !ps.isClosed()) {
                release(ps);
            } else {
                super.close(conn, sql, stmt);
            }
        }
    }
}
