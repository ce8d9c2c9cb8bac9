package dev.workitems.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workitems.ConflictException;
import dev.workitems.FeedEvent;
import dev.workitems.NewWorkItem;
import dev.workitems.NotFoundException;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemState;
import dev.workitems.WorkItemSummary;
import dev.workitems.WorkItemType;
import dev.workitems.WorkItems;
import dev.workitems.testkit.Fixture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A host row and work-item calls in one transaction of the host's, on SQLite and on PostgreSQL: committed, both are
 * there (with history, counters and feed events); rolled back, neither is, and the service remembers nothing of it.
 */
class HostTransactionTest {

    /** A store, and a way to open a connection of the host's own to the same database. */
    private interface Db extends AutoCloseable {
        JdbcWorkItemRepository store();

        Connection connect() throws SQLException;

        @Override
        void close();
    }

    private static Db sqlite() {
        java.nio.file.Path file = SqliteStores.newFile();
        JdbcWorkItemRepository store = JdbcWorkItemRepository.sqlite(file);
        return new Db() {
            @Override
            public JdbcWorkItemRepository store() {
                return store;
            }

            @Override
            public Connection connect() throws SQLException {
                Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA busy_timeout = 10000");
                }
                return c;
            }

            @Override
            public void close() {
                store.close();
            }
        };
    }

    private static Db postgres() {
        JdbcWorkItemRepository store = PostgresStores.open();
        String url = PostgresStores.urlFor(PostgresStores.schemaOf(store));
        return new Db() {
            @Override
            public JdbcWorkItemRepository store() {
                return store;
            }

            @Override
            public Connection connect() throws SQLException {
                return DriverManager.getConnection(url, PostgresStores.user(), PostgresStores.password());
            }

            @Override
            public void close() {
                PostgresStores.release(store);
            }
        };
    }

    @Test
    void sqliteCommitsAndRollsBackWithTheHost() throws Exception {
        commitsAndRollsBackWithTheHost(sqlite());
    }

    @Test
    void postgresCommitsAndRollsBackWithTheHost() throws Exception {
        commitsAndRollsBackWithTheHost(postgres());
    }

    private static void commitsAndRollsBackWithTheHost(Db db) throws Exception {
        try (db) {
            JdbcWorkItemRepository store = db.store();
            Fixture fx = new Fixture(store);
            List<Object> told = new CopyOnWriteArrayList<>();
            WorkItems svc = WorkItems.builder()
                    .storage(store)
                    .identities(fx.directory())
                    .clock(fx.clock())
                    .listener(told::add)
                    .listenerExecutor(Runnable::run)
                    .build(); // told on the writing thread
            try (Connection c = db.connect();
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE host_access_request (id TEXT PRIMARY KEY, work_item_id TEXT NOT NULL)");
            }
            WorkItem outside = fx.generic(Fixture.GINGER); // a committed item the host will also change inside
            long feedBefore = svc.feed(0, 10_000).size();
            WorkItemSummary fredBefore = svc.summary(Fixture.admin(), Fixture.FRED);

            // rolled back: no host row, no item, no history, no counters, no feed event, nothing remembered
            String rolledBack;
            try (Connection c = db.connect()) {
                c.setAutoCommit(false);
                rolledBack = store.inHostTransaction(c, () -> {
                    WorkItem w = svc.create(NewWorkItem.builder()
                            .id("a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6")
                            .type(WorkItemType.GENERIC)
                            .description("access for Fred")
                            .ownerId(Fixture.FRED)
                            .build());
                    insertRequest(c, "req-1", w.id());
                    svc.complete(Fixture.user(Fixture.FRED), w.id());
                    svc.forward(
                            Fixture.user(Fixture.GINGER),
                            outside.id(),
                            new dev.workitems.ForwardRequest(Fixture.CYD, "inside the host transaction", false));
                    assertEquals(
                            WorkItemState.FINISHED,
                            svc.get(Fixture.admin(), w.id()).state(),
                            "inside, the host's transaction sees its own changes");
                    return w.id();
                });
                c.rollback();
            }
            assertTrue(store.findById(rolledBack).isEmpty(), "no item after the rollback");
            assertEquals(List.of(), store.history(rolledBack));
            assertEquals(fredBefore, svc.summary(Fixture.admin(), Fixture.FRED), "no counter change");
            assertEquals(
                    Fixture.GINGER, svc.get(Fixture.admin(), outside.id()).ownerId(), "the forward rolled back too");
            assertEquals(feedBefore, svc.feed(0, 10_000).size(), "no feed event");
            assertEquals(0, hostRows(db, "req-1"));
            assertThrows(
                    NotFoundException.class,
                    () -> svc.complete(Fixture.user(Fixture.FRED), rolledBack),
                    "nothing from the rolled-back transaction is remembered");
            svc.forward(
                    Fixture.user(Fixture.GINGER),
                    outside.id(),
                    new dev.workitems.ForwardRequest(Fixture.CYD, "now for real", false));
            assertEquals(2, svc.get(Fixture.admin(), outside.id()).version(), "the cache held no rolled-back version");
            svc.forward(
                    Fixture.user(Fixture.CYD),
                    outside.id(),
                    new dev.workitems.ForwardRequest(Fixture.GINGER, "back", false));

            // committed: both the host row and the item, with history, counters and feed events
            String committed;
            try (Connection c = db.connect()) {
                c.setAutoCommit(false);
                committed = store.inHostTransaction(c, () -> {
                    WorkItem w = svc.create(NewWorkItem.builder()
                            .type(WorkItemType.GENERIC)
                            .description("access for Fred")
                            .ownerId(Fixture.FRED)
                            .build());
                    insertRequest(c, "req-2", w.id());
                    return w.id();
                });
                assertTrue(store.findById(committed).isEmpty(), "other connections do not see it before the commit");
                c.commit();
            }
            assertEquals(1, hostRows(db, "req-2"));
            assertEquals(
                    WorkItemState.PENDING,
                    store.findById(committed).orElseThrow().state());
            assertEquals(1, store.history(committed).size());
            assertEquals(
                    fredBefore.open() + 1,
                    svc.summary(Fixture.admin(), Fixture.FRED).open());
            List<FeedEvent> feed = svc.feed(0, 10_000);
            assertEquals(committed, feed.get(feed.size() - 1).workItemId(), "the feed has the committed item's event");
            assertEquals(
                    WorkItemState.FINISHED,
                    svc.complete(Fixture.user(Fixture.FRED), committed).state());
            long insideChanges = told.stream()
                    .filter(x -> ((dev.workitems.WorkItemChange) x).after().id().equals(committed))
                    .count();
            assertEquals(1, insideChanges, "listeners heard only the complete made outside the host transaction");
        }
    }

    @Test
    void withTheHostsJdbiHandleListenersAreToldAfterItsCommitAndNeverAfterARollback() throws Exception {
        try (Db db = postgres()) {
            JdbcWorkItemRepository store = db.store();
            Fixture fx = new Fixture(store);
            List<String> told = new CopyOnWriteArrayList<>();
            WorkItems svc = WorkItems.builder()
                    .storage(store)
                    .identities(fx.directory())
                    .clock(fx.clock())
                    .listener(c -> told.add(c.after().id()))
                    .listenerExecutor(Runnable::run)
                    .build();
            org.jdbi.v3.core.Jdbi hostJdbi = org.jdbi.v3.core.Jdbi.create(db::connect);
            String rolledBack = hostJdbi.inTransaction(h -> {
                String id = store.inHostTransaction(
                        h,
                        () -> svc.create(NewWorkItem.builder()
                                        .type(WorkItemType.GENERIC)
                                        .description("rolled back")
                                        .ownerId(Fixture.FRED)
                                        .build())
                                .id());
                h.rollback();
                return id;
            });
            assertTrue(store.findById(rolledBack).isEmpty());
            assertEquals(List.of(), told, "a rolled-back change is told to nobody");
            String committed = hostJdbi.inTransaction(h -> {
                String id = store.inHostTransaction(
                        h,
                        () -> svc.create(NewWorkItem.builder()
                                        .type(WorkItemType.GENERIC)
                                        .description("committed")
                                        .ownerId(Fixture.FRED)
                                        .build())
                                .id());
                assertEquals(List.of(), told, "nobody is told before the commit");
                return id;
            });
            assertEquals(List.of(committed), told, "told once, after the commit");
        }
    }

    @Test
    void theConnectionMustBeInATransactionAndCallsDoNotNest() throws Exception {
        try (Db db = sqlite();
                Connection c = db.connect()) {
            assertThrows(IllegalArgumentException.class, () -> db.store().inHostTransaction(c, () -> 1));
            c.setAutoCommit(false);
            assertThrows(
                    IllegalStateException.class,
                    () -> db.store().inHostTransaction(c, () -> db.store().inHostTransaction(c, () -> 1)));
            assertFalse(db.store().inHostTransaction());
            c.rollback();
        }
    }

    @Test
    void aSerializationFailureInsideTheHostsTransactionIsAConflictToRetryTheTransaction() throws Exception {
        try (Db db = postgres()) {
            JdbcWorkItemRepository store = db.store();
            Fixture fx = new Fixture(store);
            WorkItem item = fx.generic(Fixture.FRED);
            try (Connection c = db.connect()) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                    s.execute("SELECT count(*) FROM workitems_work_item"); // the snapshot starts here
                }
                fx.service().complete(Fixture.user(Fixture.FRED), item.id()); // another transaction commits meanwhile
                WorkItems fresh = WorkItems.builder()
                        .storage(store)
                        .identities(fx.directory())
                        .clock(fx.clock())
                        .build();
                ConflictException e = assertThrows(
                        ConflictException.class,
                        () -> store.inHostTransaction(
                                c, () -> fresh.returnItem("host", item.id(), "returned inside a stale snapshot")));
                assertTrue(e.isLostRace(), e.getMessage());
                c.rollback();
            }
            assertEquals(
                    WorkItemState.FINISHED,
                    store.findById(item.id()).orElseThrow().state(),
                    "nothing half-applied");
        }
    }

    private static void insertRequest(Connection c, String id, String workItemId) {
        try (var p = c.prepareStatement("INSERT INTO host_access_request (id, work_item_id) VALUES (?, ?)")) {
            p.setString(1, id);
            p.setString(2, workItemId);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int hostRows(Db db, String id) throws SQLException {
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM host_access_request WHERE id = '" + id + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
