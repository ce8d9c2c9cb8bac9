package dev.workitems.storage.jdbc;

import dev.workitems.ApprovalItem;
import dev.workitems.Caller;
import dev.workitems.ForwardRequest;
import dev.workitems.NewApprovalItem;
import dev.workitems.NewWorkItem;
import dev.workitems.Timers;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemType;
import dev.workitems.WorkItems;
import dev.workitems.WorkItemsException;
import dev.workitems.spi.InMemoryIdentityDirectory;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The child process of {@link CrashTest}: writes work items and decisions from three threads until it is killed,
 * printing {@code C <id> <version>} after each write the store acknowledged, while a subscription delivers the feed to
 * a handler that records each event by position in a table of the host's, and a timer runner sweeps every 2 ms: half
 * the items carry reminders and escalation steps that fall due within milliseconds, so the kill lands mid-sweep.
 */
public final class CrashWriterMain {
    static final List<String> OWNERS = List.of("owner-a", "owner-b", "owner-c", "owner-d");

    /** The subscription the child runs while it writes, and the test finishes after each kill. */
    static final String SUBSCRIPTION = "crash-audit";

    static final dev.workitems.SubscriptionOptions SUBSCRIPTION_OPTIONS = dev.workitems.SubscriptionOptions.DEFAULTS
            .withLease(java.time.Duration.ofSeconds(1))
            .withBatchSize(50)
            .withPollInterval(java.time.Duration.ofMillis(20));
    /**
     * The host's name in subscription leases, the same across restarts (as {@code WorkItems.Builder.instanceId}
     * advises), so that the restarted host resumes at once instead of waiting for its dead self's lease: the test then
     * depends on no wall-clock time. Taking over from another instance is the subscription contract's to test.
     */
    static final String INSTANCE = "crash-host";

    private CrashWriterMain() {}

    /** A connection of the "host's own", with the table the handler records into (by feed position: idempotent). */
    static java.sql.Connection hostConnection(String url, String user, String password) throws java.sql.SQLException {
        java.sql.Connection c = java.sql.DriverManager.getConnection(
                url, user.equals("-") ? null : user, password.equals("-") ? null : password);
        try (java.sql.Statement s = c.createStatement()) {
            if (url.startsWith("jdbc:sqlite:")) {
                s.execute("PRAGMA busy_timeout = 10000");
            }
            s.execute("CREATE TABLE IF NOT EXISTS crash_delivered (position BIGINT PRIMARY KEY, work_item_id TEXT NOT "
                    + "NULL, "
                    + "item_version BIGINT NOT NULL)");
        }
        return c;
    }

    /** The handler: records each event's effect once, however often it is delivered. */
    static void record(java.sql.Connection c, dev.workitems.FeedEvent e) throws java.sql.SQLException {
        try (java.sql.PreparedStatement p = c.prepareStatement("INSERT INTO crash_delivered (position, work_item_id, "
                + "item_version) VALUES (?, ?, ?) ON CONFLICT (position) DO NOTHING")) {
            p.setLong(1, e.position());
            p.setString(2, e.workItemId());
            p.setLong(3, e.itemVersion());
            p.executeUpdate();
        }
    }

    /** @param args JDBC URL, user ("-" for none), password ("-" for none), seed */
    public static void main(String[] args) throws Exception {
        JdbcWorkItemRepository.Builder b =
                JdbcWorkItemRepository.builder().jdbcUrl(args[0]).maximumPoolSize(4);
        if (!args[1].equals("-")) {
            b.username(args[1]);
        }
        if (!args[2].equals("-")) {
            b.password(args[2]);
        }
        JdbcWorkItemRepository store = b.build();
        InMemoryIdentityDirectory people = new InMemoryIdentityDirectory();
        OWNERS.forEach(o -> people.put(o, o.toUpperCase()));
        WorkItems svc = WorkItems.builder()
                .storage(store)
                .identities(people)
                .notifier(n -> {})
                .timerNotifier(n -> {})
                .instanceId(INSTANCE)
                .build();
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        java.sql.Connection host = hostConnection(args[0], args[1], args[2]);
        svc.subscriptions()
                .subscribe(SUBSCRIPTION, e -> record(host, e), SUBSCRIPTION_OPTIONS)
                .start();
        dev.workitems.TimerRunner.start(svc, java.time.Duration.ofMillis(2));
        List<WorkItem> mine = new CopyOnWriteArrayList<>();
        long seed = Long.parseLong(args[3]);
        Thread[] threads = new Thread[3];
        for (int t = 0; t < threads.length; t++) {
            SplittableRandom r = new SplittableRandom(seed + t);
            threads[t] = new Thread(() -> {
                while (true) {
                    WorkItem done = step(svc, r, mine);
                    if (done != null) {
                        synchronized (out) {
                            out.println("C " + done.id() + " " + done.version());
                        }
                    }
                }
            });
            threads[t].start();
        }
        out.println("started");
        for (Thread t : threads) {
            t.join();
        }
    }

    /** Timers that fall due within milliseconds: reminders, a notice, a reassignment, a timeout and an expiry. */
    static Timers timers(SplittableRandom r) {
        return Timers.builder()
                .reminders(Timers.Reminders.every(
                        at(r.nextInt(20)), Duration.ofMillis(3 + r.nextInt(10)), 1 + r.nextInt(6)))
                .step(Timers.Step.notify(at(5), OWNERS.get(0)))
                .step(Timers.Step.reassignTo(at(15), OWNERS.get(1)))
                .step(Timers.Step.rejectRemaining(at(30)))
                .step(Timers.Step.expire(at(80 + r.nextInt(100)), "crash test deadline"))
                .build();
    }

    private static Timers.At at(long millis) {
        return Timers.At.afterCreation(Duration.ofMillis(millis));
    }

    private static WorkItem step(WorkItems svc, SplittableRandom r, List<WorkItem> mine) {
        Caller admin = Caller.of("root", "ORG_ADMIN");
        try {
            if (mine.isEmpty() || r.nextInt(4) == 0) {
                NewWorkItem.Builder nb = NewWorkItem.builder()
                        .type(WorkItemType.APPROVAL)
                        .description("crash test item")
                        .ownerId(OWNERS.get(r.nextInt(OWNERS.size())));
                for (int i = r.nextInt(4); i > 0; i--) {
                    nb.approvalItem(NewApprovalItem.of("acct", "GitHub", "team", "Add", "t" + i));
                }
                if (r.nextBoolean()) {
                    nb.timers(timers(r));
                }
                WorkItem w = svc.create(nb.build());
                mine.add(w);
                return w;
            }
            WorkItem w = svc.get(admin, mine.get(r.nextInt(mine.size())).id());
            int roll = r.nextInt(10);
            if (roll < 4 && w.approvalItems() != null && !w.approvalItems().isEmpty()) {
                ApprovalItem a =
                        w.approvalItems().get(r.nextInt(w.approvalItems().size()));
                return r.nextBoolean() ? svc.approve(admin, w.id(), a.id()) : svc.reject(admin, w.id(), a.id());
            }
            if (roll < 7) {
                svc.forward(admin, w.id(), ForwardRequest.of(OWNERS.get(r.nextInt(OWNERS.size())), "crash test"));
                return svc.get(admin, w.id());
            }
            if (roll < 8) {
                return svc.bulkApprove(admin, w.id());
            }
            if (roll < 9) {
                return svc.complete(admin, w.id());
            }
            return svc.cancel("host", w.id(), "crash test");
        } catch (WorkItemsException e) {
            return null; // wrong state, same owner: not a write
        }
    }
}
