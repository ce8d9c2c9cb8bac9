package dev.workitems.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workitems.FeedEvent;
import dev.workitems.HistoryAction;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemState;
import dev.workitems.WorkItemType;
import dev.workitems.WorkItems;
import dev.workitems.testkit.Fixture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The feed's JDBC-only cases: two PostgreSQL transactions committing out of their sequence order, and upgrades. */
class JdbcFeedTest {

    private static final long HOLD_KEY = 4242;

    /**
     * Transaction A takes an event sequence number, then waits (a trigger makes it wait for an advisory lock this test
     * holds) while transaction B takes a higher number and commits. A reader then sees B's event. When A commits, the
     * reader, already past B's position, must still get A's event: positions are given in the order events became
     * visible, not in sequence order.
     */
    @Test
    void anEventCommittedAfterAHigherNumberedOneStillReachesAReaderPastIt() throws Exception {
        JdbcWorkItemRepository store = PostgresStores.open();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        String url = PostgresStores.urlFor(schemaOf(store));
        try (Connection locker = DriverManager.getConnection(url, PostgresStores.user(), PostgresStores.password());
                Statement s = locker.createStatement()) {
            Fixture fx = new Fixture(store);
            WorkItems svc = fx.service();
            WorkItem a = fx.generic(Fixture.FRED);
            WorkItem b = fx.generic(Fixture.GINGER);
            List<FeedEvent> start = svc.feed(0, 100);
            assertEquals(2, start.size());
            long after = start.get(1).position();

            s.execute("CREATE FUNCTION wi_hold() RETURNS trigger AS $$ BEGIN PERFORM pg_advisory_xact_lock_shared("
                    + HOLD_KEY + "); RETURN NEW; END $$ LANGUAGE plpgsql");
            s.execute("CREATE TRIGGER wi_hold AFTER INSERT ON workitems_event FOR EACH ROW WHEN (NEW.actor_id = "
                    + "'slow-host') "
                    + "EXECUTE FUNCTION wi_hold()");
            s.execute("SELECT pg_advisory_lock(" + HOLD_KEY + ")");

            Future<WorkItem> slow = pool.submit(() -> svc.cancel("slow-host", a.id(), "held back on purpose"));
            awaitWaitingOnHold(s);
            svc.cancel("host", b.id(), "committed first");

            List<FeedEvent> first = svc.feed(after, 100);
            assertEquals(1, first.size(), "only B's event is committed: " + first);
            assertEquals(b.id(), first.get(0).workItemId());
            long pastB = first.get(0).position();

            s.execute("SELECT pg_advisory_unlock(" + HOLD_KEY + ")");
            assertEquals(WorkItemState.CANCELED, slow.get(60, TimeUnit.SECONDS).state());

            List<FeedEvent> second = svc.feed(pastB, 100);
            assertEquals(1, second.size(), "A's event reaches the reader that has passed B: " + second);
            assertEquals(a.id(), second.get(0).workItemId());
            assertEquals("held back on purpose", second.get(0).comment());
            assertTrue(second.get(0).position() > pastB, "A's event is numbered after B's: it became visible later");

            long seqA = seqOf(s, a.id());
            long seqB = seqOf(s, b.id());
            assertTrue(
                    seqA < seqB,
                    "A took the lower sequence number (" + seqA + " < " + seqB + ") and committed last: "
                            + "a reader paging by sequence number would have passed it");
            assertEquals(
                    List.of(start.get(0), start.get(1), first.get(0), second.get(0)),
                    svc.feed(0, 100),
                    "the whole feed, in the order the events became visible");
        } finally {
            pool.shutdownNow();
            PostgresStores.release(store);
        }
    }

    private static void awaitWaitingOnHold(Statement s) throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (ResultSet rs =
                    s.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                            + "AND objid = " + HOLD_KEY)) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return;
                }
            }
            LockSupport.parkNanos(1_000_000); // polling a condition, not waiting for a time to pass
        }
        throw new AssertionError("the held-back writer never reached its trigger");
    }

    private static long seqOf(Statement s, String itemId) throws SQLException {
        try (ResultSet rs = s.executeQuery(
                "SELECT seq FROM workitems_event WHERE work_item_id = '" + itemId + "' AND action = 'CANCELED'")) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    private static String schemaOf(JdbcWorkItemRepository store) {
        return PostgresStores.schemaOf(store);
    }

    @Test
    void aSqliteFileFromSchemaVersionOneIsUpgradedAndItsEventsJoinTheFeed() throws Exception {
        Path file = SqliteStores.newFile();
        String id;
        try (JdbcWorkItemRepository store = JdbcWorkItemRepository.sqlite(file)) {
            Fixture fx = new Fixture(store);
            WorkItem w = fx.approval(Fixture.FRED, 1);
            fx.service()
                    .approve(
                            Fixture.user(Fixture.FRED),
                            w.id(),
                            w.approvalItems().get(0).id());
            id = w.id();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            downgradeToVersionOne(s, List.of());
        }
        try (JdbcWorkItemRepository store = JdbcWorkItemRepository.sqlite(file)) {
            assertUpgraded(store, id);
        }
    }

    @Test
    void aPostgresSchemaFromVersionOneIsUpgradedAndItsEventsAreNumbered() throws Exception {
        JdbcWorkItemRepository store = PostgresStores.open();
        String schema = schemaOf(store);
        String id;
        try {
            Fixture fx = new Fixture(store);
            WorkItem w = fx.approval(Fixture.FRED, 1);
            fx.service()
                    .approve(
                            Fixture.user(Fixture.FRED),
                            w.id(),
                            w.approvalItems().get(0).id());
            id = w.id();
            try (Connection c = DriverManager.getConnection(
                            PostgresStores.urlFor(schema), PostgresStores.user(), PostgresStores.password());
                    Statement s = c.createStatement()) {
                downgradeToVersionOne(
                        s,
                        List.of(
                                "DROP TABLE workitems_feed_head",
                                "DROP TABLE workitems_feed_pending",
                                "DROP TABLE workitems_feed_position"));
            }
            try (JdbcWorkItemRepository again = JdbcWorkItemRepository.builder()
                    .jdbcUrl(PostgresStores.urlFor(schema))
                    .username(PostgresStores.user())
                    .password(PostgresStores.password())
                    .build()) {
                assertUpgraded(again, id);
            }
        } finally {
            PostgresStores.release(store);
        }
    }

    /**
     * Leaves the database as schema version 1 left it: no feed columns, subscription tables, timer columns or
     * reassignment tables, no V002 to V006 recorded.
     */
    private static void downgradeToVersionOne(Statement s, List<String> more) throws SQLException {
        s.execute("DROP TABLE workitems_reassignment_audit");
        s.execute("DROP TABLE workitems_reassignment");
        s.execute("DROP TABLE workitems_reassignment_switch");
        s.execute("DROP INDEX workitems_work_item_timer_due");
        s.execute("ALTER TABLE workitems_work_item DROP COLUMN timer_due_ms");
        s.execute("ALTER TABLE workitems_work_item DROP COLUMN timers");
        s.execute("DROP TABLE workitems_parked_event");
        s.execute("DROP TABLE workitems_subscription");
        for (String sql : more) {
            s.execute(sql);
        }
        for (String column : List.of("item_type", "owner_before", "owner_after", "state_before", "state_after")) {
            s.execute("ALTER TABLE workitems_event DROP COLUMN " + column);
        }
        s.execute("DELETE FROM workitems_schema_history WHERE version >= 2");
    }

    private static void assertUpgraded(JdbcWorkItemRepository store, String id) {
        List<FeedEvent> feed = new Fixture(store).service().feed(0, 100);
        assertEquals(
                List.of(HistoryAction.CREATED, HistoryAction.APPROVED),
                feed.stream().map(FeedEvent::action).toList());
        for (FeedEvent e : feed) {
            assertEquals(id, e.workItemId());
            assertEquals(WorkItemType.APPROVAL, e.itemType(), "the type is filled in from the item");
            assertNull(e.ownerAfter(), "what a version-1 event did not record stays unknown");
            assertNull(e.stateAfter());
        }
        assertTrue(feed.get(1).position() > feed.get(0).position());
        assertFalse(store.findById(id).isEmpty());
    }
}
