package dev.workitems.storage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.workitems.ConflictException;
import dev.workitems.FeedEvent;
import dev.workitems.HistoryEvent;
import dev.workitems.ListPosition;
import dev.workitems.StorageFailureException;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemState;
import dev.workitems.spi.DueQuery;
import dev.workitems.spi.FeedQuery;
import dev.workitems.spi.KnownItems;
import dev.workitems.spi.ListKind;
import dev.workitems.spi.OwnerCounts;
import dev.workitems.spi.PageQuery;
import dev.workitems.spi.ReassignmentStore;
import dev.workitems.spi.SubscriptionStore;
import dev.workitems.spi.WorkItemRepository;
import dev.workitems.spi.WorkItemWrite;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The storage SPI over JDBC (JDBI 3 and a HikariCP pool): SQLite as the embedded default, PostgreSQL for several host
 * instances sharing one database. Every SPI call is one transaction: an item change, its counter changes and its
 * history events commit together or not at all. A version mismatch, and on PostgreSQL a deadlock or serialization
 * failure, is reported as a lost race ({@code false}) so that the service retries. Thread-safe.
 *
 * <pre>{@code
 * JdbcWorkItemRepository store = JdbcWorkItemRepository.sqlite(Path.of("workitems.db"));
 * JdbcWorkItemRepository shared = JdbcWorkItemRepository.builder()
 *         .jdbcUrl("jdbc:postgresql://db:5432/app").username("app").password(secret).build();
 * }</pre>
 */
public final class JdbcWorkItemRepository
        implements WorkItemRepository, SubscriptionStore, ReassignmentStore, AutoCloseable {

    private static final String ITEMS = ItemCodec.ITEMS;
    private static final String EVENTS = ItemCodec.EVENTS;
    private static final String KEYS_BY_ID = "SELECT " + ItemCodec.KEY_SELECT + " FROM " + ITEMS + " WHERE id = ?";
    private static final String COUNTS_BY_OWNER =
            "SELECT pending, completed FROM workitems_owner_count WHERE owner_id = ?";

    private final Jdbi jdbi;
    private final Dialect dialect;
    private final HikariDataSource ownedPool;
    private final String selectForUpdate;

    private final HostTransactions joined;
    private final Jdbi joinedJdbi;
    private final SubscriptionTables subscriptionTables;
    private final ReassignmentTables reassignmentTables;
    /** {@link #INSERT_EVENT} as this dialect writes events. */
    private final String insertEvent;
    /** The items a service offered to answer rows with (null: decode every row). */
    private volatile KnownItems known;
    /** The last pages answered from known items (SQLite only, as {@link #recallFirst}). */
    private final KnownPages knownPages = new KnownPages();
    /** SQLite's kept statements, for the hottest reads made without JDBI on the store's own pool; else null. */
    private final SqliteStatementCache direct;

    private JdbcWorkItemRepository(Jdbi jdbi, Dialect dialect, HikariDataSource ownedPool, HostTransactions joined) {
        this.jdbi = jdbi;
        this.dialect = dialect;
        this.ownedPool = ownedPool;
        this.joined = joined;
        this.insertEvent = dialect.sql().insertEvent(INSERT_EVENT);
        this.subscriptionTables = new SubscriptionTables(jdbi, this::isTransient);
        this.reassignmentTables = new ReassignmentTables(jdbi);
        // Opened only after joinedConnection() found the transaction and checked its auto-commit.
        this.joinedJdbi = joined == null
                ? null
                : hostJdbi(() ->
                        joined.current().orElseThrow(() -> new IllegalStateException("the host's transaction ended")));
        this.selectForUpdate = "SELECT owner_id, completed_list, version, created_ms, state FROM " + ITEMS
                + " WHERE id = :id" + dialect.sql().lockRowForUpdate();
        // Only on a pool of its own, whose connections the store configured (auto-commit, the driver's own): a data
        // source the host gives may hand out connections in a transaction, joined or not, and goes through JDBI.
        this.direct =
                ownedPool != null && jdbi.getStatementBuilderFactory() instanceof SqliteStatementCache c ? c : null;
    }

    /**
     * @param file the SQLite database file (created, with its folder, if missing)
     * @return a store on that file with the defaults: WAL journal, 10 s busy timeout, schema created
     */
    public static JdbcWorkItemRepository sqlite(Path file) {
        return builder().sqliteFile(file).build();
    }

    /** @return a builder; give it a JDBC URL (or a SQLite file, or a data source) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the dialect in use */
    public Dialect dialect() {
        return dialect;
    }

    /** @return true: every read is a database call, so the service starts writes from items it has just seen */
    @Override
    public boolean readsAreCostly() {
        return true;
    }

    /**
     * Rows whose id and version the service already knows, with the same creation and modification times, are answered
     * with its item, not decoded: five columns read instead of every column and the JSON ones parsed. Always the state
     * the row holds (see {@link KnownItems}).
     */
    @Override
    public void recallFrom(KnownItems known) {
        this.known = known;
    }

    // ---- reads: one statement each, no transaction needed ----------------------------------------------------

    /** No stored text holds U+0000 (core refuses it, and PostgreSQL cannot store it), so such a key matches nothing. */
    private static boolean unstorable(String key) {
        return key.indexOf('\u0000') >= 0;
    }

    @Override
    public Optional<WorkItem> findById(String id) {
        if (unstorable(id)) {
            return Optional.empty();
        }
        KnownItems k = known;
        boolean keysDirect = recallFirst(k) && readsDirect();
        if (keysDirect) {
            List<WorkItem> recalled = readDirect(KEYS_BY_ID, ps -> {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return allKnown(rs, k);
                }
            });
            if (recalled != null) {
                return recalled.stream().findFirst(); // no such item, or the one known
            }
        }
        String where = " FROM " + ITEMS + " WHERE id = :id";
        return call(() -> withItems(h -> {
            if (recallFirst(k) && !keysDirect) {
                List<WorkItem> recalled =
                        h.createQuery(KEYS_BY_ID).bind(0, id).scanResultSet((rows, ctx) -> allKnown(rows.get(), k));
                if (recalled != null) {
                    return recalled.stream().findFirst();
                }
            }
            return h.createQuery("SELECT " + ItemCodec.ITEM_SELECT + where)
                    .bind("id", id)
                    .map((rs, ctx) -> ItemCodec.item(rs, k))
                    .findOne();
        }));
    }

    /**
     * Whether a read first asks for the rows' keys alone (id, version and times), answers from the known items if they
     * all are known, and reads the rows whole only otherwise. On SQLite a statement runs in this process and evaluates
     * every selected column of every row it steps over, so the narrow read costs little more than half the whole one
     * (13 against 23 us for one item here), and a second statement, when needed, costs no network round trip. On
     * PostgreSQL the second statement would be one, so reads there stay a single statement.
     */
    private boolean recallFirst(KnownItems k) {
        return k != null && dialect == Dialect.SQLITE;
    }

    @Override
    public List<WorkItem> findPage(PageQuery q) {
        if (q.limit() == 0 || unstorable(q.ownerId())) {
            return List.of();
        }
        ListPosition after = q.after();
        if (after != null && unstorable(after.id())) {
            return List.of();
        }
        // A row value comparison is a range of the (owner_id, completed_list, created_ms, id) index on both engines.
        String range = " WHERE owner_id = :owner AND completed_list = :list"
                + (after == null ? "" : " AND (created_ms, id) > (:after_ms, :after_id)")
                + " ORDER BY created_ms, id LIMIT :limit OFFSET :offset";
        // Past the first page, a deferred join: the rows to skip are stepped over in the index alone (it holds every
        // column the subquery needs), and only the page's own rows are read whole.
        String from = q.offset() == 0
                ? " FROM " + ITEMS + range
                : " FROM " + ITEMS + " JOIN (SELECT id FROM " + ITEMS + range
                        + ") page USING (id) ORDER BY created_ms, id";
        return call(() -> withItems(h -> {
            KnownItems k = known;
            if (recallFirst(k)) {
                String named = pageName(q);
                List<WorkItem> recalled = pageQuery(h, "SELECT " + ItemCodec.KEY_SELECT + from, q)
                        .scanResultSet((rows, ctx) -> knownPages.read(named, rows.get(), k));
                if (recalled != null) {
                    return recalled;
                }
            }
            return pageQuery(h, "SELECT " + ItemCodec.ITEM_SELECT + from, q)
                    .map((rs, ctx) -> ItemCodec.item(rs, k))
                    .list();
        }));
    }

    /**
     * @param rows the results of a query of {@link ItemCodec#KEY_SELECT}, read to the end or to the first row not known
     * @param k the known items
     * @return the known item of every row, in order (empty for no rows), or null if a row is not known
     */
    private static List<WorkItem> allKnown(ResultSet rows, KnownItems k) throws SQLException {
        List<WorkItem> items = new ArrayList<>();
        while (rows.next()) {
            WorkItem w = ItemCodec.recalled(rows, k);
            if (w == null) {
                return null;
            }
            items.add(w);
        }
        return items;
    }

    /**
     * Whether this thread's reads of an item's keys and of an owner's counts go straight to the store's own SQLite pool
     * ({@link SqliteStatementCache#read}): not inside a host's transaction, whose connection they must use.
     */
    private boolean readsDirect() {
        return direct != null && host.get() == null;
    }

    private <T> T readDirect(String sql, SqliteStatementCache.Read<T> read) {
        try (Connection c = ownedPool.getConnection()) {
            return direct.read(c, sql, read);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /** @return the same text for the same query with the same parameters as {@link #pageQuery} binds, else another */
    private static String pageName(PageQuery q) {
        ListPosition after = q.after();
        return q.ownerId()
                + '\u0000'
                + (q.kind() == ListKind.COMPLETED ? 1 : 0)
                + '\u0000'
                + q.limit()
                + '\u0000'
                + q.offset()
                + (after == null ? "" : "\u0000" + after.created().toEpochMilli() + '\u0000' + after.id());
    }

    private static org.jdbi.v3.core.statement.Query pageQuery(Handle h, String sql, PageQuery q) {
        var query = h.createQuery(sql)
                .bind("owner", q.ownerId())
                .bind("list", q.kind() == ListKind.COMPLETED ? 1 : 0)
                .bind("limit", q.limit())
                .bind("offset", (long) q.offset());
        ListPosition after = q.after();
        if (after != null) {
            query.bind("after_ms", after.created().toEpochMilli()).bind("after_id", after.id());
        }
        return query;
    }

    @Override
    public List<WorkItem> findDue(DueQuery q) {
        if (q.afterId() != null && unstorable(q.afterId())) {
            return List.of();
        }
        // One range of the partial (timer_due_ms, id) index: only items with something due are in it.
        String sql = "SELECT " + ItemCodec.ITEM_SELECT + " FROM " + ITEMS
                + " WHERE timer_due_ms IS NOT NULL AND timer_due_ms <= :now"
                + (q.afterDue() == null ? "" : " AND (timer_due_ms, id) > (:after_ms, :after_id)")
                + " ORDER BY timer_due_ms, id LIMIT :limit";
        return call(() -> withItems(h -> {
            var query = h.createQuery(sql).bind("now", q.now().toEpochMilli()).bind("limit", q.limit());
            if (q.afterDue() != null) {
                query.bind("after_ms", q.afterDue().toEpochMilli()).bind("after_id", q.afterId());
            }
            return query.map((rs, ctx) -> ItemCodec.item(rs, known)).list();
        }));
    }

    @Override
    public OwnerCounts counts(String ownerId) {
        if (unstorable(ownerId)) {
            return OwnerCounts.NONE;
        }
        if (readsDirect()) {
            return readDirect(COUNTS_BY_OWNER, ps -> {
                ps.setString(1, ownerId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? countsOf(rs) : OwnerCounts.NONE;
                }
            });
        }
        return call(() -> withItems(h -> h.createQuery(COUNTS_BY_OWNER)
                .bind(0, ownerId)
                .map((rs, ctx) -> countsOf(rs))
                .findOne()
                .orElse(OwnerCounts.NONE)));
    }

    private static OwnerCounts countsOf(ResultSet row) throws SQLException {
        return new OwnerCounts(row.getLong(1), row.getLong(2));
    }

    @Override
    public List<HistoryEvent> history(String workItemId) {
        if (unstorable(workItemId)) {
            return List.of();
        }
        return call(() -> withItems(h -> h.createQuery("SELECT " + ItemCodec.EVENT_COLUMNS + " FROM " + EVENTS
                        + " WHERE work_item_id = :id ORDER BY seq")
                .bind("id", workItemId)
                .map((rs, ctx) -> ItemCodec.event(rs))
                .list()));
    }

    @Override
    public List<FeedEvent> feed(FeedQuery query) {
        Objects.requireNonNull(query, "query");
        String sql = dialect.sql().feedQuery(ItemCodec.FEED_COLUMNS);
        return call(() -> {
            dialect.sql().numberFeed(jdbi);
            return jdbi.withHandle(h -> h.createQuery(sql)
                    .bind("after", query.after())
                    .bind("limit", query.limit())
                    .map((rs, ctx) -> ItemCodec.feedEvent(rs))
                    .list());
        });
    }

    // ---- the host's transaction ---------------------------------------------------------------------------------

    /**
     * The host's transaction given to {@link #inHostTransaction}: a handle on its connection, and how to run something
     * after it commits (null when the store cannot learn of the commit).
     */
    private record HostTx(Handle handle, java.util.function.Consumer<Runnable> afterCommit) {}

    /**
     * The host's transaction, while this thread runs inside {@link #inHostTransaction(Connection,
     * java.util.function.Supplier)}.
     */
    private final ThreadLocal<HostTx> host = new ThreadLocal<>();

    /**
     * Runs work-item calls inside the host's own transaction: every item change, its history (and so its feed events)
     * and its counter changes made by {@code work} on this thread go through {@code connection}, and commit or roll
     * back with the host's own rows when the host commits or rolls back. The store never commits, rolls back or closes
     * the connection; each write runs under a savepoint of its own, so a write that fails leaves nothing half-applied
     * in the host's transaction. A lost version race is retried as usual (it wrote nothing); a deadlock, a
     * serialization failure or a busy SQLite database is a {@link ConflictException} ({@code isLostRace()}): roll back
     * and retry the whole transaction. Reads of the feed and subscriptions stay outside (they see committed data only).
     * The service remembers no item changed inside, and tells listeners nothing of it, since the store cannot learn
     * when the host commits a bare connection (pass a JDBI {@code Handle}, or build the store with
     * {@link Builder#hostTransactions}, to have them told after the commit); the feed and subscriptions see the changes
     * once the host commits.
     *
     * <pre>{@code
     * try (Connection c = dataSource.getConnection()) {
     *     c.setAutoCommit(false);
     *     WorkItem item = store.inHostTransaction(c, () -> {
     *         insertAccessRequest(c, requestId);                 // the host's own row
     *         return workItems.create(newItemFor(requestId));     // the item, its history, counters, feed event
     *     });
     *     c.commit();                                            // or c.rollback(): neither row nor item remains
     * }
     * }</pre>
     *
     * @param connection the host's connection to this store's database, with auto-commit off
     * @param work the calls to make inside the transaction
     * @param <T> what the work returns
     * @return what the work returned
     * @throws IllegalArgumentException if the connection is in auto-commit mode
     * @throws IllegalStateException if this thread is already inside a host transaction of this store
     */
    public <T> T inHostTransaction(Connection connection, java.util.function.Supplier<T> work) {
        return inHostTransaction(connection, null, work);
    }

    private <T> T inHostTransaction(
            Connection connection,
            java.util.function.Consumer<Runnable> afterCommit,
            java.util.function.Supplier<T> work) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(work, "work");
        try {
            if (connection.getAutoCommit()) {
                throw new IllegalArgumentException("the host's connection must be in a transaction (auto-commit off)");
            }
        } catch (SQLException e) {
            throw failure("reading the host connection's auto-commit", e);
        }
        if (host.get() != null) {
            throw new IllegalStateException("this thread is already inside a host transaction of " + this);
        }
        try (Handle h = hostJdbi(() -> connection).open()) {
            host.set(new HostTx(h, afterCommit));
            return work.get();
        } finally {
            host.remove();
        }
    }

    /**
     * The same with a JDBI handle the host owns (its transaction begun with {@code handle.begin()}, or inside
     * {@code jdbi.inTransaction}). Listeners are told of the changes once the handle commits
     * ({@code Handle.afterCommit}), and never if it rolls back.
     *
     * @param handle the host's handle, inside a transaction
     * @param work the calls to make inside it
     * @param <T> what the work returns
     * @return what the work returned
     */
    public <T> T inHostTransaction(Handle handle, java.util.function.Supplier<T> work) {
        Objects.requireNonNull(handle, "handle");
        return inHostTransaction(handle.getConnection(), handle::afterCommit, work);
    }

    /**
     * @return true while this thread runs inside {@link #inHostTransaction}, or inside a transaction the
     *     {@link Builder#hostTransactions} name: the service then remembers nothing until the host commits
     */
    @Override
    public boolean inHostTransaction() {
        return host.get() != null || joinedConnection() != null;
    }

    /** Runs {@code action} when the host's transaction commits, if this store can learn of it; else drops it. */
    @Override
    public void afterHostCommit(Runnable action) {
        HostTx tx = host.get();
        if (tx != null) {
            if (tx.afterCommit() != null) {
                tx.afterCommit().accept(action);
            }
        } else if (joinedConnection() != null) {
            joined.afterCommit(action);
        }
    }

    /** A JDBI on the host's connections: its handles neither close them nor insist that their transaction be ended. */
    private static Jdbi hostJdbi(java.util.function.Supplier<Connection> connections) {
        Jdbi j = Jdbi.create(new org.jdbi.v3.core.ConnectionFactory() {
            @Override
            public Connection openConnection() {
                return connections.get();
            }

            @Override
            public void closeConnection(Connection toClose) {
                // the host owns it
            }
        });
        j.getConfig(org.jdbi.v3.core.Handles.class).setForceEndTransactions(false);
        return j;
    }

    /** @return the connection of the host transaction open on this thread by the host's manager, or null */
    private Connection joinedConnection() {
        if (joined == null) {
            return null;
        }
        Connection c = joined.current().orElse(null);
        if (c == null) {
            return null;
        }
        try {
            if (c.getAutoCommit()) {
                throw new IllegalStateException("the host's transaction manager gave a connection in auto-commit mode: "
                        + "it does not manage this store's data source, so a work-item call cannot join its "
                        + "transaction");
            }
        } catch (SQLException e) {
            throw failure("reading the host connection's auto-commit", e);
        }
        return c;
    }

    private <T, X extends Exception> T withItems(org.jdbi.v3.core.HandleCallback<T, X> callback) throws X {
        return onItems(callback, false);
    }

    private <T, X extends Exception> T inItemTransaction(org.jdbi.v3.core.HandleCallback<T, X> callback) throws X {
        return onItems(callback, true);
    }

    /**
     * Runs {@code callback} on the host's transaction when this thread is inside one (a write under a savepoint of its
     * own), else on the store's pool (a write in a transaction of its own).
     */
    private <T, X extends Exception> T onItems(org.jdbi.v3.core.HandleCallback<T, X> callback, boolean write) throws X {
        HostTx tx = host.get();
        if (tx != null) {
            return write ? underSavepoint(tx.handle(), callback) : callback.withHandle(tx.handle());
        }
        if (joinedConnection() != null) {
            try (Handle h = joinedJdbi.open()) {
                return write ? underSavepoint(h, callback) : callback.withHandle(h);
            }
        }
        return write ? jdbi.inTransaction(callback) : jdbi.withHandle(callback);
    }

    private static <T, X extends Exception> T underSavepoint(Handle h, org.jdbi.v3.core.HandleCallback<T, X> callback)
            throws X {
        Connection c = h.getConnection();
        java.sql.Savepoint savepoint;
        try {
            savepoint = c.setSavepoint();
        } catch (SQLException e) {
            throw new org.jdbi.v3.core.ConnectionException(e);
        }
        try {
            T result = callback.withHandle(h);
            c.releaseSavepoint(savepoint);
            return result;
        } catch (Exception | Error e) {
            try {
                c.rollback(savepoint);
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e instanceof SQLException sql ? new org.jdbi.v3.core.ConnectionException(sql) : sneaky(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
        throw (E) e;
    }

    // ---- subscriptions: their own tables, on the store's pool -------------------------------------------------

    @Override
    public Optional<SubscriptionState> claim(SubscriptionClaim c) {
        return subscriptionTables.claim(c);
    }

    @Override
    public boolean advance(SubscriptionAdvance a) {
        return subscriptionTables.advance(a);
    }

    @Override
    public List<SubscriptionState> subscriptions() {
        return subscriptionTables.subscriptions();
    }

    @Override
    public List<dev.workitems.ReassignmentRule> rules(String identityId) {
        return identityId != null && unstorable(identityId) ? List.of() : reassignmentTables.rules(identityId);
    }

    @Override
    public boolean writeRule(RuleWrite write) {
        return reassignmentTables.writeRule(write);
    }

    @Override
    public List<RuleChange> ruleChanges(String identityId) {
        return identityId != null && unstorable(identityId) ? List.of() : reassignmentTables.ruleChanges(identityId);
    }

    @Override
    public dev.workitems.TenantReassignmentSwitch tenantSwitch() {
        return reassignmentTables.tenantSwitch();
    }

    @Override
    public void writeTenantSwitch(dev.workitems.TenantReassignmentSwitch next) {
        reassignmentTables.writeTenantSwitch(next);
    }

    @Override
    public boolean change(SubscriptionChange c) {
        return subscriptionTables.change(c);
    }

    // ---- writes: one transaction each ------------------------------------------------------------------------

    /** Thrown inside a transaction to roll it back and report a lost race. */
    private static final class LostRace extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LostRace() {
            super(null, null, false, false);
        }
    }

    @Override
    public boolean insert(WorkItemWrite write) {
        WorkItem item = write.item();
        if (item.version() != 1) {
            throw new IllegalArgumentException("a new item has version 1, not " + item.version());
        }
        try {
            return inItemTransaction(h -> {
                int inserted = ItemCodec.bind(
                                h.createUpdate("INSERT INTO " + ITEMS + " (" + ItemCodec.ITEM_COLUMNS + ") VALUES ("
                                        + ItemCodec.ITEM_PARAMS + ") ON CONFLICT (id) DO NOTHING"),
                                item)
                        .execute();
                if (inserted == 0) {
                    return false;
                }
                addCounts(h, item.ownerId(), item.isCompleted() ? 0 : 1, item.isCompleted() ? 1 : 0);
                append(h, write.events(), null, null, item);
                return true;
            });
        } catch (JdbiException e) {
            if (isTransient(e)) {
                // Rolled back; the service retries as for a lost race (outside a host transaction), or the host
                // retries its whole transaction (inside one). One retry policy, the service's, for every write.
                throw ConflictException.lostRace(item.id(), "create", 1);
            }
            throw failure("insert of work item " + item.id(), e);
        }
    }

    @Override
    public boolean update(WorkItemWrite write) {
        WorkItem next = write.item();
        WorkItem previous = write.previous();
        if (previous != null && !previous.created().equals(next.created())) {
            throw new IllegalArgumentException("created is immutable for work item " + next.id());
        }
        try {
            if (previous != null && dialect.sql().updatesInOneStatement()) {
                return updateInOneStatement(write);
            }
            return inItemTransaction(h -> {
                String fromOwner;
                boolean fromCompleted;
                WorkItemState fromState;
                if (previous != null) {
                    // A successful version check below proves the row was exactly `previous`: no need to read it.
                    fromOwner = previous.ownerId();
                    fromCompleted = previous.isCompleted();
                    fromState = previous.state();
                } else {
                    Object[] current = h.createQuery(selectForUpdate)
                            .bind("id", next.id())
                            .map((rs, ctx) -> new Object[] {
                                rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4), rs.getString(5)
                            })
                            .findOne()
                            .orElseThrow(LostRace::new);
                    if ((long) current[2] != write.expectedVersion()) {
                        throw new LostRace();
                    }
                    if ((long) current[3] != next.created().toEpochMilli()) {
                        throw new IllegalArgumentException("created is immutable for work item " + next.id());
                    }
                    fromOwner = (String) current[0];
                    fromCompleted = (int) current[1] == 1;
                    fromState = WorkItemState.fromWire((String) current[4]);
                }
                ItemCodec.Change change = previous == null ? null : ItemCodec.change(previous, next);
                int updated = (change != null
                                ? change.bind(h.createUpdate("UPDATE " + ITEMS + " SET " + change.assignments()
                                        + " WHERE id = :id AND version = :expected"))
                                : ItemCodec.bind(
                                        h.createUpdate("UPDATE " + ITEMS + " SET " + ItemCodec.ITEM_ASSIGNMENTS
                                                + " WHERE id = :id AND version = :expected"),
                                        next))
                        .bind("expected", write.expectedVersion())
                        .execute();
                if (updated != 1) {
                    throw new LostRace();
                }
                counterDeltas(fromOwner, fromCompleted, next.ownerId(), next.isCompleted())
                        .forEach((owner, d) -> addCounts(h, owner, d[0], d[1]));
                append(h, write.events(), fromOwner, fromState, next);
                return true;
            });
        } catch (LostRace e) {
            return false;
        } catch (JdbiException e) {
            if (isTransient(e)) {
                if (inHostTransaction()) {
                    // Rolled back to this write's savepoint; a deadlock or serialization failure is the host's
                    // transaction's to retry, since a retry inside it would see the same snapshot or locks.
                    throw ConflictException.lostRace(next.id(), "update", 1);
                }
                return false; // rolled back; the service re-reads and tries again
            }
            throw failure("update of work item " + next.id(), e);
        }
    }

    /** A change whose previous version is known, written by the dialect in one statement (one round trip). */
    private boolean updateInOneStatement(WorkItemWrite write) {
        WorkItem next = write.item();
        WorkItem previous = write.previous();
        TreeMap<String, long[]> deltas =
                counterDeltas(previous.ownerId(), previous.isCompleted(), next.ownerId(), next.isCompleted());
        ItemCodec.Change change = ItemCodec.change(previous, next);
        return withItems(h -> dialect.sql().updateInOneStatement(h, write, change, deltas)) == 1;
    }

    /** Adds to an owner's counters, creating its row at zero first if needed. Same syntax on SQLite and PostgreSQL. */
    private static final String ADD_COUNTS =
            "INSERT INTO workitems_owner_count (owner_id, pending, completed) VALUES (:owner, :pending, :completed) "
                    + "ON CONFLICT (owner_id) DO UPDATE SET pending = workitems_owner_count.pending + "
                    + "excluded.pending, "
                    + "completed = workitems_owner_count.completed + excluded.completed";

    /**
     * Adds to an owner's counters in the caller's transaction (a plain statement: attaching a SQL object per write
     * costs more).
     */
    private static void addCounts(Handle h, String owner, long pending, long completed) {
        h.createUpdate(ADD_COUNTS)
                .bind("owner", owner)
                .bind("pending", pending)
                .bind("completed", completed)
                .execute();
    }

    /** Counter changes per owner, in owner order, so concurrent writers lock counter rows in one order. */
    private static TreeMap<String, long[]> counterDeltas(
            String fromOwner, boolean fromCompleted, String toOwner, boolean toCompleted) {
        TreeMap<String, long[]> deltas = new TreeMap<>();
        if (fromOwner.equals(toOwner) && fromCompleted == toCompleted) {
            return deltas;
        }
        deltas.computeIfAbsent(fromOwner, k -> new long[2])[fromCompleted ? 1 : 0]--;
        deltas.computeIfAbsent(toOwner, k -> new long[2])[toCompleted ? 1 : 0]++;
        deltas.values().removeIf(d -> d[0] == 0 && d[1] == 0);
        return deltas;
    }

    /**
     * Inserts many new items at once (a data migration, a bulk load), in transactions of up to {@code 5,000} items:
     * each chunk writes its items, their events and the counter changes together. An item whose id exists is skipped.
     * Atomic per chunk, not as a whole. Thread-safe.
     *
     * @param writes new items (version 1) with their first events
     * @return how many items were inserted
     * @throws StorageFailureException if the storage fails (earlier chunks stay committed)
     */
    public int importItems(List<WorkItemWrite> writes) {
        int inserted = 0;
        for (int from = 0; from < writes.size(); from += 5_000) {
            List<WorkItemWrite> chunk = writes.subList(from, Math.min(writes.size(), from + 5_000));
            try {
                inserted += jdbi.inTransaction(h -> importChunk(h, chunk));
            } catch (JdbiException e) {
                throw failure("import of " + chunk.size() + " work items", e);
            }
        }
        return inserted;
    }

    private int importChunk(Handle h, List<WorkItemWrite> chunk) {
        PreparedBatch items = h.prepareBatch("INSERT INTO " + ITEMS + " (" + ItemCodec.ITEM_COLUMNS + ") VALUES ("
                + ItemCodec.ITEM_PARAMS + ") ON CONFLICT (id) DO NOTHING");
        for (WorkItemWrite w : chunk) {
            if (w.item().version() != 1) {
                throw new IllegalArgumentException(
                        "a new item has version 1, not " + w.item().version());
            }
            ItemCodec.bind(items, w.item()).add();
        }
        int[] rows = items.execute();
        TreeMap<String, long[]> deltas = new TreeMap<>();
        List<WorkItemWrite> inserted = new java.util.ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == 0) {
                continue;
            }
            WorkItem item = chunk.get(i).item();
            deltas.computeIfAbsent(item.ownerId(), k -> new long[2])[item.isCompleted() ? 1 : 0]++;
            inserted.add(chunk.get(i));
        }
        deltas.forEach((owner, d) -> addCounts(h, owner, d[0], d[1]));
        PreparedBatch batch = h.prepareBatch(insertEvent);
        for (WorkItemWrite w : inserted) {
            for (HistoryEvent e : w.events()) {
                bindEvent(batch, e, null, null, w.item()).add();
            }
        }
        if (batch.size() > 0) {
            batch.execute();
        }
        return inserted.size();
    }

    private static final String INSERT_EVENT = "INSERT INTO " + EVENTS + " (" + ItemCodec.EVENT_INSERT_COLUMNS
            + ") VALUES (:w, :v, :t, :a, :x, :c, :d, :ft, :fob, :foa, :fsb, :fsa)";

    /**
     * Appends the events of one change, with what the change did to the item.
     *
     * @param ownerBefore the owner before the change; null for an insert
     * @param stateBefore the state before the change; null for an insert
     * @param after the item as the change stores it
     */
    private void append(
            Handle h, List<HistoryEvent> events, String ownerBefore, WorkItemState stateBefore, WorkItem after) {
        if (events.isEmpty()) {
            return;
        }
        if (events.size() == 1) {
            bindEvent(h.createUpdate(insertEvent), events.get(0), ownerBefore, stateBefore, after)
                    .execute();
            return;
        }
        PreparedBatch batch = h.prepareBatch(insertEvent);
        for (HistoryEvent e : events) {
            bindEvent(batch, e, ownerBefore, stateBefore, after).add();
        }
        batch.execute();
    }

    private static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bindEvent(
            S s, HistoryEvent e, String ownerBefore, WorkItemState stateBefore, WorkItem after) {
        return s.bind("w", e.workItemId())
                .bind("v", e.itemVersion())
                .bind("t", e.at().toEpochMilli())
                .bind("a", e.actorId())
                .bind("x", e.action().name())
                .bind("c", e.comment())
                .bind("d", Json.write(e.data()))
                .bind("ft", after.type().wireName())
                .bind("fob", ownerBefore)
                .bind("foa", after.ownerId())
                .bind("fsb", stateBefore == null ? null : stateBefore.wireName())
                .bind("fsa", after.state().wireName());
    }

    /** PostgreSQL deadlock or serialization failure, SQLite busy or locked: the transaction was rolled back. */
    private boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                if (dialect.sql().isTransient(s)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static StorageFailureException failure(String what, Exception e) {
        return new StorageFailureException(what + " failed: " + e.getMessage(), e);
    }

    private static <T> T call(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (JdbiException e) {
            throw failure("read", e);
        }
    }

    /**
     * Checks the schema as {@link SchemaMode#VALIDATE} does at start: every migration this version needs is recorded as
     * applied, from the same files, and none is newer (for a health check; with {@link SchemaMode#NONE} the team owns
     * the schema and this library's record of it may be absent).
     *
     * @throws StorageFailureException saying what is missing or different, or that the database cannot be reached
     */
    public void validateSchema() {
        try {
            Migrations.apply(jdbi, dialect, SchemaMode.VALIDATE);
        } catch (JdbiException e) {
            throw new StorageFailureException("cannot read the work item store's schema: " + e.getMessage(), e);
        }
    }

    /** Closes the connection pool the store made; a data source given to the builder is left to its owner. */
    @Override
    public void close() {
        if (ownedPool != null) {
            ownedPool.close();
        }
    }

    @Override
    public String toString() {
        return "JdbcWorkItemRepository[" + dialect + "]";
    }

    /** Configures a {@link JdbcWorkItemRepository}. Not thread-safe. */
    public static final class Builder {
        // The connection settings are read by the dialect that configures the pool (same package).
        String jdbcUrl;
        private String username;
        private String password;
        private DataSource dataSource;
        private Dialect dialect;
        private SchemaMode schemaMode = SchemaMode.CREATE;
        Integer maximumPoolSize;
        Duration busyTimeout = Duration.ofSeconds(10);
        int sqliteCacheKib = 32 * 1024;
        private HostTransactions hostTransactions;

        private Builder() {}

        /** @param v a JDBC URL, {@code jdbc:sqlite:/path/file.db} or {@code jdbc:postgresql://host/db} @return this */
        public Builder jdbcUrl(String v) {
            jdbcUrl = Objects.requireNonNull(v, "jdbcUrl");
            return this;
        }

        /** @param file a SQLite database file; its folder is created if missing @return this */
        public Builder sqliteFile(Path file) {
            return jdbcUrl("jdbc:sqlite:" + file.toAbsolutePath());
        }

        /** @param v the database user @return this */
        public Builder username(String v) {
            username = v;
            return this;
        }

        /** @param v the database password @return this */
        public Builder password(String v) {
            password = v;
            return this;
        }

        /** @param v a data source the host manages (pooled or not); the store will not close it @return this */
        public Builder dataSource(DataSource v) {
            dataSource = Objects.requireNonNull(v, "dataSource");
            return this;
        }

        /** @param v the dialect, instead of reading it from the URL or the connection @return this */
        public Builder dialect(Dialect v) {
            dialect = Objects.requireNonNull(v, "dialect");
            return this;
        }

        /** @param v what to do with the schema at start (default {@link SchemaMode#CREATE}) @return this */
        public Builder schemaMode(SchemaMode v) {
            schemaMode = Objects.requireNonNull(v, "schemaMode");
            return this;
        }

        /** @param v the most pooled connections (default 4 for SQLite, 10 for PostgreSQL) @return this */
        public Builder maximumPoolSize(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("maximumPoolSize must be at least 1");
            }
            maximumPoolSize = v;
            return this;
        }

        /** @param v how long a SQLite writer waits for the write lock (default 10 s) @return this */
        public Builder sqliteBusyTimeout(Duration v) {
            busyTimeout = Objects.requireNonNull(v, "busyTimeout");
            return this;
        }

        /** @param kib SQLite page cache per connection, in KiB (default 32 MiB) @return this */
        public Builder sqliteCacheKib(int kib) {
            sqliteCacheKib = kib;
            return this;
        }

        /**
         * Joins the transactions of the host's transaction manager: a work-item call made while one is open on the
         * calling thread runs on its connection and commits or rolls back with it. Give the store the same data source
         * the manager manages ({@link #dataSource}).
         *
         * @param v how to find the host's open transaction
         * @return this
         */
        public Builder hostTransactions(HostTransactions v) {
            hostTransactions = Objects.requireNonNull(v, "hostTransactions");
            return this;
        }

        /**
         * Opens the pool (unless a data source was given), applies or checks the schema, and returns the store.
         *
         * @return the store; close it to close its pool
         * @throws StorageFailureException if the database cannot be reached or the schema does not validate
         * @throws IllegalStateException if neither a URL nor a data source was given
         */
        public JdbcWorkItemRepository build() {
            if (jdbcUrl == null && dataSource == null) {
                throw new IllegalStateException("give a jdbcUrl, a sqliteFile or a dataSource");
            }
            if (hostTransactions != null && dataSource == null) {
                throw new IllegalStateException("hostTransactions joins the transactions of a data source the host "
                        + "manages: give that dataSource too");
            }
            HikariDataSource pool = null;
            DataSource ds = dataSource;
            Dialect d = dialect;
            try {
                if (ds == null) {
                    d = d != null ? d : Dialect.fromJdbcUrl(jdbcUrl);
                    pool = pool(d);
                    ds = pool;
                } else if (d == null) {
                    try (Connection c = ds.getConnection()) {
                        d = Dialect.fromProductName(c.getMetaData().getDatabaseProductName());
                    }
                }
                Jdbi jdbi = Jdbi.create(ds);
                d.sql().configure(jdbi);
                Migrations.apply(jdbi, d, schemaMode);
                return new JdbcWorkItemRepository(jdbi, d, pool, hostTransactions);
            } catch (SQLException | JdbiException | com.zaxxer.hikari.pool.HikariPool.PoolInitializationException e) {
                if (pool != null) {
                    pool.close();
                }
                throw new StorageFailureException("cannot open the work item store: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                if (pool != null) {
                    pool.close();
                }
                throw e;
            }
        }

        private HikariDataSource pool(Dialect d) {
            HikariConfig hc = new HikariConfig();
            hc.setJdbcUrl(jdbcUrl);
            hc.setPoolName("workitems-" + d.name().toLowerCase(java.util.Locale.ROOT));
            if (username != null) {
                hc.setUsername(username);
            }
            if (password != null) {
                hc.setPassword(password);
            }
            d.sql().configurePool(hc, this);
            return new HikariDataSource(hc);
        }
    }
}
