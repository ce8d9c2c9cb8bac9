package dev.workitems.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workitems.Caller;
import dev.workitems.HistoryAction;
import dev.workitems.HistoryEvent;
import dev.workitems.ListQuery;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemState;
import dev.workitems.WorkItems;
import dev.workitems.spi.InMemoryIdentityDirectory;
import dev.workitems.spi.ListKind;
import dev.workitems.spi.OwnerCounts;
import dev.workitems.spi.PageQuery;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A child JVM writing work items and decisions from three threads is killed with SIGKILL at a random moment; the store
 * is reopened and every invariant must hold: counters equal the rows, no item is half written, every item's history
 * covers each of its versions, and every write the child saw acknowledged is there. The child also runs a subscription
 * while it writes; once the test has finished it, every committed event must have been delivered to its idempotent
 * handler, none lost, each recorded once. And it sweeps timers every 2 ms while it is killed: every reminder and step
 * must stand once in its item's history, and the restarted host's sweep must leave nothing due. Several rounds per
 * database, each on top of the last.
 */
class CrashTest {

    @Test
    @Timeout(300)
    void sqliteSurvivesKillsAtRandomMoments() throws Exception {
        Path file = SqliteStores.newFile();
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        rounds(5, url, "-", "-", () -> JdbcWorkItemRepository.sqlite(file), sql -> query(url, null, null, sql));
    }

    @Test
    @Timeout(300)
    void postgresSurvivesKillsAtRandomMoments() throws Exception {
        String url = PostgresStores.urlFor(PostgresStores.newSchema());
        String user = PostgresStores.user();
        String password = PostgresStores.password();
        rounds(
                3,
                url,
                user == null ? "-" : user,
                password == null ? "-" : password,
                () -> JdbcWorkItemRepository.builder()
                        .jdbcUrl(url)
                        .username(user)
                        .password(password)
                        .build(),
                sql -> query(url, user, password, sql));
    }

    interface Sql {
        List<Object[]> rows(String sql) throws SQLException;
    }

    private static List<Object[]> query(String url, String user, String password, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<Object[]> out = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Object[] row = new Object[n];
                for (int i = 0; i < n; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                out.add(row);
            }
            return out;
        }
    }

    private void rounds(
            int rounds, String url, String user, String password, Supplier<JdbcWorkItemRepository> open, Sql sql)
            throws Exception {
        SplittableRandom random = new SplittableRandom();
        Map<String, Long> acknowledged = new HashMap<>();
        long totalAcks = 0;
        for (int round = 1; round <= rounds; round++) {
            int killAfter = 20 + random.nextInt(400);
            Path log = Files.createTempFile("crash-child", ".log");
            ProcessBuilder pb = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    childClassPath(),
                    CrashWriterMain.class.getName(),
                    url,
                    user,
                    password,
                    Long.toString(random.nextLong()));
            pb.redirectError(log.toFile());
            Process child = pb.start();
            int seen = 0;
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while (seen < killAfter && (line = in.readLine()) != null) {
                    if (line.startsWith("C ")) {
                        String[] f = line.split(" ");
                        acknowledged.merge(f[1], Long.parseLong(f[2]), Math::max);
                        seen++;
                    }
                }
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no pool close, mid-transaction
                child.waitFor();
            }
            assertEquals(killAfter, seen, "the child stopped early; its log: " + Files.readString(log));
            totalAcks += seen;
            try (JdbcWorkItemRepository store = open.get()) {
                check(store, sql, acknowledged);
                everyTimedActionRanOnceAndNothingDueIsLost(store, sql);
                everyCommittedEventIsDeliveredOnce(store, sql, url, user, password);
                stillWorks(store);
            }
            System.out.printf(
                    "crash round %d (%s): killed after %d acknowledged writes; invariants hold (%d acknowledged items "
                            + "so far)%n",
                    round, store(url), killAfter, acknowledged.size());
            Files.deleteIfExists(log);
        }
        assertTrue(totalAcks > 0);
    }

    private static String store(String url) {
        return url.startsWith("jdbc:sqlite") ? "SQLite" : "PostgreSQL";
    }

    private static void check(JdbcWorkItemRepository store, Sql sql, Map<String, Long> acknowledged)
            throws SQLException {
        Map<String, long[]> fromRows = new HashMap<>();
        for (Object[] r :
                sql.rows("SELECT owner_id, completed_list, count(*) FROM workitems_work_item GROUP BY owner_id, "
                        + "completed_list")) {
            fromRows.computeIfAbsent((String) r[0], k -> new long[2])[((Number) r[1]).intValue()] =
                    ((Number) r[2]).longValue();
        }
        Set<String> owners = new TreeSet<>(fromRows.keySet());
        for (Object[] r : sql.rows("SELECT owner_id FROM workitems_owner_count")) {
            owners.add((String) r[0]);
        }
        for (String owner : owners) {
            long[] rows = fromRows.getOrDefault(owner, new long[2]);
            OwnerCounts counted = store.counts(owner);
            assertEquals(new OwnerCounts(rows[0], rows[1]), counted, "counters of " + owner + " equal its rows");
            assertEquals(
                    rows[0],
                    store.findPage(new PageQuery(owner, ListKind.PENDING, 0, Integer.MAX_VALUE))
                            .size());
        }
        List<Object[]> items = sql.rows("SELECT id, version FROM workitems_work_item");
        for (Object[] r : items) {
            String id = (String) r[0];
            long version = ((Number) r[1]).longValue();
            List<HistoryEvent> h = store.history(id);
            assertFalse(h.isEmpty(), "item " + id + " has its history");
            assertEquals(HistoryAction.CREATED, h.get(0).action());
            assertEquals(1, h.get(0).itemVersion());
            TreeSet<Long> versions = new TreeSet<>();
            h.forEach(e -> versions.add(e.itemVersion()));
            assertEquals(version, versions.size(), "one or more events for each of the versions of " + id);
            assertEquals(version, (long) versions.last(), "no event beyond the stored version of " + id);
            WorkItem w = store.findById(id).orElseThrow();
            assertEquals(w.state() != WorkItemState.PENDING, w.completed() != null);
        }
        for (Map.Entry<String, Long> ack : acknowledged.entrySet()) {
            WorkItem w = store.findById(ack.getKey()).orElse(null);
            assertTrue(
                    w != null && w.version() >= ack.getValue(),
                    "acknowledged write " + ack.getKey() + " v" + ack.getValue() + " survived the crash");
        }
        List<Object[]> orphans = sql.rows("SELECT count(*) FROM workitems_event e WHERE NOT EXISTS "
                + "(SELECT 1 FROM workitems_work_item w WHERE w.id = e.work_item_id)");
        assertEquals(0L, ((Number) orphans.get(0)[0]).longValue(), "no event without its item");
    }

    /**
     * Finishes the child's subscription as the restarted host does (under the same instance name, so at once), then
     * checks that the handler's record holds every event of the feed, each once, with the event's item and version.
     */
    private static void everyCommittedEventIsDeliveredOnce(
            JdbcWorkItemRepository store, Sql sql, String url, String user, String password) throws SQLException {
        InMemoryIdentityDirectory people = new InMemoryIdentityDirectory();
        WorkItems svc = WorkItems.builder()
                .storage(store)
                .identities(people)
                .instanceId(CrashWriterMain.INSTANCE)
                .build();
        long byChild =
                ((Number) sql.rows("SELECT count(*) FROM crash_delivered").get(0)[0]).longValue();
        try (Connection host = CrashWriterMain.hostConnection(url, user, password)) {
            var sub = svc.subscriptions()
                    .subscribe(
                            CrashWriterMain.SUBSCRIPTION,
                            e -> CrashWriterMain.record(host, e),
                            CrashWriterMain.SUBSCRIPTION_OPTIONS);
            while (sub.deliverOnce() > 0) {
                // until caught up
            }
        }
        List<dev.workitems.FeedEvent> feed = new ArrayList<>();
        for (List<dev.workitems.FeedEvent> page = svc.feed(0, 10_000);
                !page.isEmpty();
                page = svc.feed(page.get(page.size() - 1).position(), 10_000)) {
            feed.addAll(page);
        }
        Map<Long, String> delivered = new HashMap<>();
        for (Object[] r : sql.rows("SELECT position, work_item_id, item_version FROM crash_delivered")) {
            delivered.put(((Number) r[0]).longValue(), r[1] + " v" + ((Number) r[2]).longValue());
        }
        assertEquals(feed.size(), delivered.size(), "every committed event delivered, and nothing else");
        for (dev.workitems.FeedEvent e : feed) {
            assertEquals(e.workItemId() + " v" + e.itemVersion(), delivered.get(e.position()), "event " + e.position());
        }
        var state = svc.subscriptions().list().stream()
                .filter(x -> x.name().equals(CrashWriterMain.SUBSCRIPTION))
                .findFirst()
                .orElseThrow();
        assertEquals(
                feed.get(feed.size() - 1).position(), state.position(), "the subscription stands at the feed's end");
        assertEquals(List.of(), state.parked(), "nothing set aside");
        System.out.printf(
                "  subscription: %d events recorded by the children so far, %d more after this restart, each once%n",
                byChild, feed.size() - byChild);
    }

    /**
     * The child swept while it was killed: each item's stored due time agrees with its timers, every reminder number
     * and step stands once in its history, in order; then the restarted host sweeps with a clock a day ahead, and
     * nothing is left due, nothing ran twice, and every Pending item's timers have run to their end.
     */
    private static void everyTimedActionRanOnceAndNothingDueIsLost(JdbcWorkItemRepository store, Sql sql)
            throws SQLException {
        List<String> timed = new ArrayList<>();
        for (Object[] r : sql.rows("SELECT id, timer_due_ms FROM workitems_work_item WHERE timers IS NOT NULL")) {
            String id = (String) r[0];
            WorkItem w = store.findById(id).orElseThrow();
            Long stored = r[1] == null ? null : ((Number) r[1]).longValue();
            assertEquals(
                    w.timerDue() == null ? null : w.timerDue().toEpochMilli(),
                    stored,
                    "the indexed due time of " + id + " was written with its timers");
            ranOnce(store, w);
            timed.add(id);
        }
        InMemoryIdentityDirectory people = new InMemoryIdentityDirectory();
        CrashWriterMain.OWNERS.forEach(o -> people.put(o, o));
        java.time.Instant later = java.time.Instant.now().plus(java.time.Duration.ofDays(1));
        WorkItems svc = WorkItems.builder()
                .storage(store)
                .identities(people)
                .clock(java.time.Clock.fixed(later, java.time.ZoneOffset.UTC))
                .timerNotifier(n -> {})
                .build();
        dev.workitems.SweepResult swept = svc.sweep();
        assertEquals(0, swept.failures(), "the restarted sweep fails nowhere: " + swept);
        assertEquals(
                List.of(),
                store.findDue(dev.workitems.spi.DueQuery.first(later, 10)),
                "nothing is left due after the restarted host's sweep");
        int ended = 0;
        for (String id : timed) {
            WorkItem w = store.findById(id).orElseThrow();
            ranOnce(store, w);
            if (w.state() == WorkItemState.PENDING) {
                throw new AssertionError("item " + id + " is still Pending after its expiry step: " + w.timers());
            }
            ended += w.timers().stepsDone() == w.timers().escalation().size() ? 1 : 0;
        }
        System.out.printf(
                "  timers: %d timed items, each action once; the restart's sweep applied %d more"
                        + " (%d items ran all their steps)%n",
                timed.size(), swept.actions(), ended);
    }

    /** Every reminder number and every step index stands once in the item's history, in order, as far as they ran. */
    private static void ranOnce(JdbcWorkItemRepository store, WorkItem w) {
        List<Long> reminders = new ArrayList<>();
        List<Long> steps = new ArrayList<>();
        for (HistoryEvent e : store.history(w.id())) {
            if (e.action() == HistoryAction.REMINDED) {
                reminders.add((Long) e.data().get("reminder"));
            } else if (e.action() == HistoryAction.ESCALATED) {
                steps.add((Long) e.data().get("step"));
            }
        }
        for (int i = 1; i < reminders.size(); i++) {
            assertTrue(reminders.get(i) > reminders.get(i - 1), "no reminder twice on " + w.id() + ": " + reminders);
        }
        long sent = reminders.isEmpty() ? 0 : reminders.get(reminders.size() - 1);
        assertEquals(w.timers().remindersSent(), sent, "the reminders recorded on " + w.id());
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < w.timers().stepsDone(); i++) {
            expected.add(i);
        }
        assertEquals(expected, steps, "each step once, in order, on " + w.id());
    }

    private static void stillWorks(JdbcWorkItemRepository store) {
        InMemoryIdentityDirectory people = new InMemoryIdentityDirectory();
        CrashWriterMain.OWNERS.forEach(o -> people.put(o, o));
        WorkItems svc = WorkItems.builder()
                .storage(store)
                .identities(people)
                .notifier(n -> {})
                .build();
        Caller owner = Caller.of("owner-a");
        long before = svc.countCompleted(owner, null).count();
        WorkItem w = svc.create(dev.workitems.NewWorkItem.builder()
                .description("after the crash")
                .ownerId("owner-a")
                .build());
        svc.complete(owner, w.id());
        assertEquals(before + 1, svc.countCompleted(owner, null).count());
        assertTrue(svc.listCompleted(owner, ListQuery.firstPage().withCount()).total() >= 1);
    }

    /**
     * The child runs on the class path with everything this test sees: the class path and, when the tests run inside
     * the named module, the module path (which holds the store and core).
     */
    private static String childClassPath() {
        String modules = System.getProperty("jdk.module.path");
        String classes = System.getProperty("java.class.path");
        return modules == null || modules.isEmpty() ? classes : modules + java.io.File.pathSeparator + classes;
    }
}
