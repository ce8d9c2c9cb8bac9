package dev.workitems.examples;

import dev.workitems.Caller;
import dev.workitems.FeedEvent;
import dev.workitems.NewApprovalItem;
import dev.workitems.NewWorkItem;
import dev.workitems.SweepResult;
import dev.workitems.Timers;
import dev.workitems.Timers.At;
import dev.workitems.Timers.Reminders;
import dev.workitems.Timers.Step;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemType;
import dev.workitems.WorkItems;
import dev.workitems.spi.IdGenerator;
import dev.workitems.spi.InMemoryIdentityDirectory;
import dev.workitems.spi.TimerNotifier;
import dev.workitems.storage.jdbc.JdbcWorkItemRepository;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Time, driven by the library: approval items with reminders, escalation to the approver's manager, a timeout that
 * rejects what is left, and expiry; the clock moves forward day by day, the host sweeps once a day, and the demo prints
 * what the library did each day and why (from the event feed). Runs on a SQLite file.
 */
public final class TimersMain {
    private static final Instant START = Instant.parse("2026-11-02T09:00:00Z");

    private TimersMain() {}

    /**
     * Runs on a SQLite file ({@code workitems-timers.db} in the working directory, or the path the system property
     * {@code workitems.db} gives).
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Path file = Path.of(System.getProperty("workitems.db", "workitems-timers.db"))
                .toAbsolutePath();
        try (JdbcWorkItemRepository store = JdbcWorkItemRepository.sqlite(file)) {
            run(() -> store, "SQLite file " + file, System.out);
        }
    }

    /**
     * @param open the store
     * @param where what to call it in the output
     * @param out where to print
     */
    public static void run(Supplier<JdbcWorkItemRepository> open, String where, PrintStream out) {
        IdGenerator newId = IdGenerator.randomUuid(); // fresh people each run: runs on one file never mix
        String fred = newId.newId();
        String ginger = newId.newId();
        String cyd = newId.newId();
        String ada = newId.newId();
        InMemoryIdentityDirectory people = new InMemoryIdentityDirectory()
                .put(fred, "Fred.Astaire")
                .put(ginger, "Ginger.Rogers")
                .put(cyd, "Cyd.Charisse")
                .put(ada, "Ada.Admin");
        Map<String, String> names = Map.of(fred, "Fred", ginger, "Ginger", cyd, "Cyd", ada, "Ada");
        Map<String, String> managers = Map.of(ginger, cyd); // Ginger reports to Cyd
        DayClock clock = new DayClock(START);
        TimerNotifier mail = n -> out.printf(
                "    (mail) to %s: %s of \"%s\"%n",
                names.get(n.recipientId()),
                n.kind() == dev.workitems.spi.TimerNotification.Kind.REMINDER ? "reminder #" + n.number() : n.rule(),
                n.item().name());

        // Every Approval item: remind the approver after 2 days, then daily (3 in all); after 5 days, move it to the
        // approver's manager; at the 14-day deadline, reject what is left (SailPoint's "timeout result") and expire it.
        Timers approvalDefaults = Timers.builder()
                .dueAfter(Duration.ofDays(14))
                .reminders(Reminders.every(At.afterCreation(Duration.ofDays(2)), Duration.ofDays(1), 3))
                .step(Step.reassignResolved(At.afterCreation(Duration.ofDays(5))))
                .step(Step.rejectRemaining(At.deadline()))
                .step(Step.expire(At.deadline(), "no decision within 14 days"))
                .build();
        WorkItems workItems = WorkItems.builder()
                .storage(open.get())
                .identities(people)
                .clock(clock)
                .defaultTimers(WorkItemType.APPROVAL, approvalDefaults)
                .escalationResolver((item, step) -> Optional.ofNullable(managers.get(item.ownerId())))
                .timerNotifier(mail)
                .build();

        out.println("workitems timers on " + where);
        out.println("Every Approval item gets the builder's defaults: remind after 2 days then daily (3 in all),");
        out.println("reassign to the approver's manager after 5 days, reject what is left and expire at 14 days.");
        WorkItem github = workItems.create(approval("Access Request: GitHub", fred, ginger, 2));
        WorkItem jira = workItems.create(approval("Access Request: Jira", fred, ginger, 1));
        WorkItem badge = workItems.create(NewWorkItem.builder()
                .type(WorkItemType.GENERIC)
                .name("Print a badge")
                .description("Print a building badge for Fred.Astaire")
                .ownerId(ginger)
                .timers(Timers.builder() // its own timers instead of defaults
                        .due(START.plus(Duration.ofDays(7)))
                        .reminders(Reminders.once(At.beforeDeadline(Duration.ofDays(1))))
                        .step(Step.notify(At.deadline(), ada))
                        .step(Step.expire(At.afterDeadline(Duration.ofDays(3)), "badge not printed"))
                        .build())
                .build());
        Map<String, String> titles = new HashMap<>();
        for (WorkItem w : List.of(github, jira, badge)) {
            titles.put(w.id(), w.name());
            out.printf(
                    "  created \"%s\" for Ginger: deadline %s, first timer due %s%n",
                    w.name(), w.timers().due(), w.timerDue());
        }
        long position = end(workItems);

        for (int day = 1; day <= 15; day++) {
            clock.set(START.plus(Duration.ofDays(day)));
            if (day == 3) {
                workItems.bulkApprove(Caller.of(ginger), jira.id());
                workItems.complete(Caller.of(ginger), jira.id());
            }
            out.printf("day %2d (%s)%n", day, clock.instant());
            SweepResult swept = workItems.sweep();
            List<FeedEvent> events = workItems.feed(position, 1000);
            for (FeedEvent e : events) {
                if (titles.containsKey(e.workItemId())) {
                    out.printf("    %-22s %s%n", titles.get(e.workItemId()) + ":", says(e, names));
                }
                position = e.position();
            }
            out.printf(
                    "  the sweep read %d due item(s) and stored %d reminder(s) and %d escalation step(s)%n",
                    swept.items(), swept.reminders(), swept.escalations());
        }
        out.println("At the end:");
        for (WorkItem w : List.of(github, jira, badge)) {
            WorkItem now = workItems.get(Caller.of(ada, "ORG_ADMIN"), w.id());
            out.printf(
                    "  \"%s\": %s, owned by %s, %d reminder(s) sent, %d of %d step(s) run%n",
                    now.name(),
                    now.state().wireName(),
                    names.get(now.ownerId()),
                    now.timers().remindersSent(),
                    now.timers().stepsDone(),
                    now.timers().escalation().size());
        }
    }

    private static NewWorkItem approval(String name, String requester, String owner, int approvals) {
        NewWorkItem.Builder b = NewWorkItem.builder()
                .type(WorkItemType.APPROVAL)
                .name(name)
                .description(name + " for Fred.Astaire")
                .requesterId(requester)
                .ownerId(owner);
        for (int i = 0; i < approvals; i++) {
            b.approvalItem(NewApprovalItem.of("fred-astaire-sp", name.substring(16), "groups", "Add", "team-" + i));
        }
        return b.build();
    }

    /** @return the position of the feed's last event */
    private static long end(WorkItems workItems) {
        long position = 0;
        for (List<FeedEvent> page = workItems.feed(0, 1000); !page.isEmpty(); page = workItems.feed(position, 1000)) {
            position = page.get(page.size() - 1).position();
        }
        return position;
    }

    /** One feed event in words: what happened, by whom, and why. */
    private static String says(FeedEvent e, Map<String, String> names) {
        Map<String, Object> d = e.data();
        String by = names.getOrDefault(e.actorId(), e.actorId());
        return switch (e.action()) {
            case REMINDED ->
                "reminded " + names.get(d.get("ownerId")) + " (reminder " + d.get("reminder") + ", due "
                        + d.get("dueAt") + ")";
            case ESCALATED ->
                "escalation " + d.get("rule") + " " + d.get("kind") + ": " + d.get("outcome")
                        + (d.containsKey("newOwnerId")
                                ? ", " + names.get(d.get("previousOwnerId")) + " -> " + names.get(d.get("newOwnerId"))
                                : "")
                        + (d.containsKey("recipientId") ? ", told " + names.get(d.get("recipientId")) : "")
                        + (e.comment() == null ? "" : " (" + e.comment() + ")");
            default ->
                e.action().name().toLowerCase(java.util.Locale.ROOT) + " by " + by
                        + (d.containsKey("approvalItemId") ? " (approval item)" : "")
                        + (e.comment() == null ? "" : ": " + e.comment());
        };
    }

    /** The demo's clock: it is always the morning of the day the demo says. */
    private static final class DayClock extends Clock {
        private volatile Instant now;

        DayClock(Instant start) {
            now = start;
        }

        void set(Instant t) {
            now = t;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
