package dev.workitems.examples;

import dev.workitems.ApprovalItem;
import dev.workitems.Caller;
import dev.workitems.FeedEvent;
import dev.workitems.HistoryAction;
import dev.workitems.NewApprovalItem;
import dev.workitems.NewWorkItem;
import dev.workitems.SubscriptionOptions;
import dev.workitems.Subscriptions;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemType;
import dev.workitems.WorkItems;
import dev.workitems.spi.InMemoryIdentityDirectory;
import dev.workitems.storage.jdbc.JdbcWorkItemRepository;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;

/**
 * A small provisioning host: it subscribes to the event feed and "provisions" (prints, and records in a table of its
 * own) each approval item Ginger approves, once. Halfway through a batch the host dies (the handler throws an
 * {@link Error}, as a process killed mid-batch would stop), is started again a lease later, and goes on: the events of
 * the interrupted batch come again (delivery is at least once), the host's record by feed position makes the repeat
 * harmless, and at the end every approved approval item is provisioned exactly once.
 */
public final class ProvisioningMain {
    private static final String GINGER = "2c9180835d2e5168015d32f890ca1581";
    private static final String FRED = "ef38f94347e94562b5bb8424a56397d8";
    private static final Duration LEASE = Duration.ofSeconds(30);

    private ProvisioningMain() {}

    /** @param args none; {@code -Dworkitems.db=} names the SQLite file (default {@code workitems-provisioning.db}) */
    public static void main(String[] args) {
        Path file = Path.of(System.getProperty("workitems.db", "workitems-provisioning.db"));
        run(file, System.out);
    }

    /** Thrown by the handler to stand for the process dying in the middle of a batch. */
    private static final class PowerCut extends Error {
        private static final long serialVersionUID = 1L;

        PowerCut() {
            super("the host process dies here", null, false, false);
        }
    }

    /**
     * @param file a SQLite file, replaced if it exists
     * @param out where to write the story
     */
    public static void run(Path file, PrintStream out) {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(Path.of(file + "-wal"));
            Files.deleteIfExists(Path.of(file + "-shm"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        InMemoryIdentityDirectory people =
                new InMemoryIdentityDirectory().put(GINGER, "Ginger.Rogers").put(FRED, "Fred.Astaire");
        int approved;
        try (JdbcWorkItemRepository store = JdbcWorkItemRepository.sqlite(file);
                Connection host = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement s = host.createStatement()) {
                s.execute(
                        "CREATE TABLE host_provisioned (feed_position INTEGER PRIMARY KEY, work_item_id TEXT NOT NULL, "
                                + "approval_item_id TEXT NOT NULL, account TEXT NOT NULL)");
            }
            WorkItems first =
                    WorkItems.builder().storage(store).identities(people).build();
            approved = requestsAndDecisions(first, out);

            out.println("\n-- the provisioning host starts (batches of 3 events) --");
            int[] handledBeforeCut = {0};
            Subscriptions.Subscription sub = first.subscriptions()
                    .subscribe(
                            "provisioning",
                            e -> {
                                if (++handledBeforeCut[0] == 11) { // the second event of the fourth batch
                                    throw new PowerCut();
                                }
                                provision(host, e, out);
                            },
                            SubscriptionOptions.DEFAULTS.withBatchSize(3).withLease(LEASE));
            try {
                while (sub.deliverOnce() > 0) {
                    out.println("   (batch done: position stored)");
                }
            } catch (PowerCut cut) {
                out.println(
                        "!! power cut in the middle of a batch: its first event was provisioned, its position never "
                                + "stored");
            }
            out.println("   provisioned so far: " + count(host));

            out.println(
                    "\n-- the host is started again, a lease later (a new instance: it waits for the old lease) --");
            WorkItems again = WorkItems.builder()
                    .storage(store)
                    .identities(people)
                    .clock(Clock.offset(Clock.systemUTC(), LEASE.plusSeconds(1)))
                    .build();
            Subscriptions.Subscription resumed = again.subscriptions()
                    .subscribe(
                            "provisioning",
                            e -> provision(host, e, out),
                            SubscriptionOptions.DEFAULTS.withBatchSize(3).withLease(LEASE));
            while (resumed.deliverOnce() > 0) {
                out.println("   (batch done: position stored)");
            }
            var state = again.subscriptions().list().get(0);
            out.println("   subscription " + state.name() + " is at position " + state.position() + ", parked events: "
                    + state.parked().size());
            int provisioned = count(host);
            out.println("\nprovisioned " + provisioned + " approval items for " + approved + " approvals: "
                    + (provisioned == approved ? "nothing missed, nothing done twice" : "MISMATCH"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Three access requests; Ginger approves some approval items and rejects one. @return how many she approved */
    private static int requestsAndDecisions(WorkItems workItems, PrintStream out) {
        Caller ginger = Caller.of(GINGER);
        int approved = 0;
        String[][] requests = {{"github", "aws"}, {"jira"}, {"okta", "slack", "vpn"}};
        for (String[] apps : requests) {
            NewWorkItem.Builder b = NewWorkItem.builder()
                    .type(WorkItemType.APPROVAL)
                    .name("Access Request")
                    .description("Access for Fred.Astaire to " + String.join(", ", apps))
                    .ownerId(GINGER)
                    .requesterId(FRED);
            for (String app : apps) {
                b.approvalItem(
                        NewApprovalItem.of("fred-astaire-" + app, app, "account", "Create", "fred-astaire-" + app));
            }
            WorkItem item = workItems.create(b.build());
            for (ApprovalItem a : item.approvalItems()) {
                if (a.application().equals("vpn")) {
                    workItems.reject(ginger, item.id(), a.id());
                    out.println("Ginger rejects " + a.application() + " for " + a.account());
                } else {
                    workItems.approve(ginger, item.id(), a.id());
                    approved++;
                    out.println("Ginger approves " + a.application() + " for " + a.account());
                }
            }
            workItems.complete(ginger, item.id());
        }
        return approved;
    }

    /** Provisions an approved approval item once: the feed position is the host's key, so a repeat does nothing. */
    private static void provision(Connection host, FeedEvent e, PrintStream out) throws SQLException {
        if (e.action() != HistoryAction.APPROVED) {
            return;
        }
        String approvalItemId = (String) e.data().get("approvalItemId");
        try (PreparedStatement p = host.prepareStatement("INSERT INTO host_provisioned (feed_position, work_item_id, "
                + "approval_item_id, account) VALUES (?, ?, ?, ?) ON CONFLICT (feed_position) DO NOTHING")) {
            p.setLong(1, e.position());
            p.setString(2, e.workItemId());
            p.setString(3, approvalItemId);
            p.setString(4, "approval item " + approvalItemId);
            if (p.executeUpdate() == 1) {
                out.println("   provisioned approval item " + approvalItemId + " of work item " + e.workItemId()
                        + " (event " + e.position() + ")");
            } else {
                out.println("   event " + e.position() + " came again: already provisioned, skipped");
            }
        }
    }

    private static int count(Connection host) throws SQLException {
        try (Statement s = host.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM host_provisioned")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
