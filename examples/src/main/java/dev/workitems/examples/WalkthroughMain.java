package dev.workitems.examples;

import dev.workitems.ApprovalItem;
import dev.workitems.Caller;
import dev.workitems.Form;
import dev.workitems.FormSection;
import dev.workitems.ForwardRequest;
import dev.workitems.HistoryEvent;
import dev.workitems.ListQuery;
import dev.workitems.NewApprovalItem;
import dev.workitems.NewWorkItem;
import dev.workitems.Page;
import dev.workitems.RemediationItem;
import dev.workitems.SweepResult;
import dev.workitems.Timers;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemType;
import dev.workitems.WorkItems;
import dev.workitems.WorkItemsException;
import dev.workitems.spi.ForwardNotifier;
import dev.workitems.spi.IdGenerator;
import dev.workitems.spi.InMemoryIdentityDirectory;
import dev.workitems.storage.jdbc.JdbcWorkItemRepository;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The main demo, on the embedded default (a SQLite file): the scenario of the V2024 API's own description (a pending
 * "Create an Account" item for identity Fred.Astaire on GitHub for account fred-astaire-sp, an approval item set, an
 * account-selection form), walked through every operation as the owner and as an admin, with a denied call and invalid
 * ones.
 */
public final class WalkthroughMain {
    private static PrintStream out = System.out;

    private WalkthroughMain() {}

    /**
     * Runs the walkthrough on a SQLite file ({@code workitems-demo.db} in the working directory, or the path the system
     * property {@code workitems.db} gives), or on the database the environment variable {@code WORKITEMS_DB_URL} names
     * (with {@code WORKITEMS_DB_USER} and {@code WORKITEMS_DB_PASSWORD}), e.g.
     * {@code jdbc:postgresql://localhost:5432/workitems}.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        String url = System.getenv("WORKITEMS_DB_URL");
        Supplier<JdbcWorkItemRepository> open;
        String where;
        if (url != null && !url.isBlank()) {
            open = () -> JdbcWorkItemRepository.builder()
                    .jdbcUrl(url)
                    .username(System.getenv("WORKITEMS_DB_USER"))
                    .password(System.getenv("WORKITEMS_DB_PASSWORD"))
                    .build();
            where = url;
        } else {
            Path file = Path.of(System.getProperty("workitems.db", "workitems-demo.db"))
                    .toAbsolutePath();
            open = () -> JdbcWorkItemRepository.sqlite(file);
            where = "SQLite file " + file;
        }
        run(open, where, System.out);
    }

    /**
     * @param open opens the store (called twice: the demo reopens it at the end to show the data survived)
     * @param where what to call the store in the output
     * @param to where to print
     */
    public static void run(Supplier<JdbcWorkItemRepository> open, String where, PrintStream to) {
        out = to;
        // Fresh identity ids each run: the demo's items never mix with those of earlier runs, in any database.
        IdGenerator newId = IdGenerator.randomUuid();
        String fredId = newId.newId();
        String gingerId = newId.newId();
        String cydId = newId.newId();
        String adaId = newId.newId();
        out.println("workitems walkthrough on " + where);
        JdbcWorkItemRepository store = open.get();
        InMemoryIdentityDirectory people = new InMemoryIdentityDirectory()
                .put(fredId, "Fred.Astaire")
                .put(gingerId, "Ginger.Rogers")
                .put(cydId, "Cyd.Charisse")
                .put(adaId, "Ada.Admin");
        StepClock clock = new StepClock(Instant.parse("2026-11-02T09:00:00Z"));
        ForwardNotifier mail = n -> out.printf(
                "    (notifier) mail to %s: \"%s\" forwarded %s to you: %s%n",
                n.item().ownerName(), n.previousOwnerName(), n.item().name(), n.comment());
        WorkItems workItems = WorkItems.builder()
                .storage(store)
                .identities(people)
                .clock(clock)
                .notifier(mail)
                .build();
        Caller ginger = Caller.of(gingerId);
        Caller cyd = Caller.of(cydId);
        Caller admin = Caller.of(adaId, "ORG_ADMIN");

        title("The host creates work items (host-side API)");
        WorkItem createAccount = workItems.create(NewWorkItem.builder()
                .type(WorkItemType.MANUAL_ACTION)
                .name("Create an Account")
                .description("Create account fred-astaire-sp on source 'GitHub' for identity Fred.Astaire")
                .requesterId(fredId)
                .ownerId(gingerId)
                .approvalItem(NewApprovalItem.of("fred-astaire-sp", "GitHub", "account", "Create", "fred-astaire-sp"))
                .approvalItem(NewApprovalItem.of("fred-astaire-sp", "GitHub", "teams", "Add", "engineering"))
                .approvalItem(NewApprovalItem.of("fred-astaire-sp", "GitHub", "teams", "Add", "release-managers"))
                .build());
        clock.tick();
        WorkItem accessRequest = workItems.create(NewWorkItem.builder()
                .type(WorkItemType.APPROVAL)
                .name("Access Request")
                .description("Approve GitHub access for Fred.Astaire")
                .requesterId(fredId)
                .ownerId(gingerId)
                .approvalItem(NewApprovalItem.of("fred-astaire-sp", "GitHub", "role", "Add", "Maintainer"))
                .approvalItem(NewApprovalItem.of("fred-astaire-sp", "GitHub", "role", "Add", "Billing Manager"))
                .build());
        clock.tick();
        WorkItem selection = workItems.create(NewWorkItem.builder()
                .type(WorkItemType.FORM)
                .name("Account Selection")
                .description("Fred.Astaire has two GitHub accounts: pick the one to provision")
                .requesterId(fredId)
                .ownerId(gingerId)
                .form(new Form(
                        "f1",
                        "AccountSelection Form",
                        "Account Selection for Fred.Astaire",
                        "Please select from the following",
                        "Fred.Astaire",
                        List.of(new FormSection(
                                "accounts",
                                "GitHub accounts",
                                List.of(Map.of(
                                        "name",
                                        "account",
                                        "type",
                                        "select",
                                        "options",
                                        List.of("fred-astaire-sp", "fastaire")))))))
                .remediationItem(new RemediationItem(
                        "c1",
                        fredId,
                        "Fred.Astaire",
                        "Fred Astaire",
                        "GitHub",
                        "login",
                        "update",
                        "fred-astaire-sp",
                        "fred-astaire-sp"))
                .build());
        clock.tick();
        WorkItem laptop = workItems.create(NewWorkItem.builder()
                .type(WorkItemType.GENERIC)
                .name("Ship a laptop")
                .description("Ship a laptop to Fred.Astaire")
                .requesterId(fredId)
                .ownerId(gingerId)
                .build());
        clock.tick();
        WorkItem badge = workItems.create(NewWorkItem.builder()
                .type(WorkItemType.GENERIC)
                .name("Print a badge")
                .description("Print a building badge for Fred.Astaire")
                .requesterId(fredId)
                .ownerId(gingerId)
                .timers(Timers.builder() // the library expires it on its own when a sweep finds it due
                        .dueAfter(Duration.ofDays(30))
                        .step(Timers.Step.expire(Timers.At.deadline(), "Not done within 30 days"))
                        .build())
                .build());
        out.println("  created 5 items for Ginger.Rogers");

        title("Ginger opens My Tasks");
        out.println("  summary: " + workItems.summary(ginger, null));
        Page<WorkItem> page = workItems.listPending(ginger, ListQuery.page(3, 0).withCount());
        out.println("  pending, page 1 (limit 3, count=true), X-Total-Count = " + page.total());
        page.items().forEach(WalkthroughMain::row);
        page = workItems.listPending(ginger, ListQuery.page(3, 3));
        out.println("  pending, page 2 (limit 3, offset 3)");
        page.items().forEach(WalkthroughMain::row);

        title("Ginger reviews \"Create an Account\"");
        details(workItems.get(ginger, createAccount.id()));

        title("Ginger decides approval items one by one");
        clock.tick();
        List<ApprovalItem> a = createAccount.approvalItems();
        WorkItem after = workItems.approve(ginger, createAccount.id(), a.get(0).id());
        after = workItems.approve(ginger, createAccount.id(), a.get(1).id());
        after = workItems.reject(ginger, createAccount.id(), a.get(2).id());
        details(after);
        show(
                "approve the same item again (idempotent, D8)",
                () -> workItems
                        .approve(ginger, createAccount.id(), a.get(0).id())
                        .approvalItem(a.get(0).id())
                        .state()
                        .wireName());
        show(
                "approve the item Ginger just rejected (D8)",
                () -> workItems.approve(ginger, createAccount.id(), a.get(2).id()));

        title("Ginger bulk-decides the access request");
        clock.tick();
        details(workItems.bulkApprove(ginger, accessRequest.id()));

        title("Ginger forwards the laptop task to Cyd");
        clock.tick();
        workItems.forward(
                ginger, laptop.id(), new ForwardRequest(cydId, "Cyd runs the hardware desk this week.", true));
        out.println("  Ginger's pending count now: "
                + workItems.countPending(ginger, null).count());
        out.println("  Cyd's pending items:");
        workItems.listPending(cyd, ListQuery.firstPage()).items().forEach(WalkthroughMain::row);

        title("Ginger submits the account selection");
        clock.tick();
        details(workItems.submitAccountSelection(ginger, selection.id(), Map.of("account", "fred-astaire-sp")));

        title("Ginger marks \"Create an Account\" complete");
        clock.tick();
        details(workItems.complete(ginger, createAccount.id()));

        title("Ginger's lists now");
        out.println("  pending: " + workItems.countPending(ginger, null) + ", completed: "
                + workItems.countCompleted(ginger, null));
        workItems
                .listCompleted(ginger, ListQuery.firstPage().withCount())
                .items()
                .forEach(WalkthroughMain::row);

        title("Ada (ORG_ADMIN) looks at other people's work");
        out.println("  Ginger's summary, asked by Ada with ownerId: " + workItems.summary(admin, gingerId));
        out.println("  Cyd's summary: " + workItems.summary(admin, cydId));
        out.println("  an owner nobody knows: " + workItems.summary(admin, "00000000000000000000000000000000"));
        clock.tick();
        workItems.complete(admin, laptop.id());
        out.println("  Ada completed the laptop task on Cyd's behalf");
        clock.advance(Duration.ofDays(30));
        SweepResult swept = workItems.sweep();
        out.println("  30 days later the host's daily timer sweep expired the badge task: " + swept.escalations()
                + " escalation step (see TimersMain for reminders and escalation)");
        out.println("  Ginger's summary: " + workItems.summary(ginger, null));

        title("History of \"Create an Account\" (not on the V2024 wire; the library keeps it)");
        for (HistoryEvent e : workItems.history(admin, createAccount.id())) {
            out.printf(
                    "  %s  %-28s by %-32s %s%s%n",
                    e.at(), e.action(), e.actorId(), e.comment() == null ? "" : "\"" + e.comment() + "\" ", e.data());
        }
        out.println("  history of the laptop task:");
        for (HistoryEvent e : workItems.history(admin, laptop.id())) {
            out.printf(
                    "  %s  %-28s by %-32s %s%s%n",
                    e.at(), e.action(), e.actorId(), e.comment() == null ? "" : "\"" + e.comment() + "\" ", e.data());
        }

        title("Calls that fail, and change nothing");
        show(
                "Cyd reads Ginger's completed list (ownerId without admin)",
                () -> workItems.listCompleted(cyd, ListQuery.firstPage().forOwner(gingerId)));
        show("Cyd opens Ginger's access request", () -> workItems.get(cyd, accessRequest.id()));
        show(
                "a page with limit=500, offset=-1, count=maybe",
                () -> workItems.listPending(ginger, ListQuery.parse(null, "500", "-1", "maybe")));
        show("complete the expired badge task", () -> workItems.complete(ginger, badge.id()));
        show("forward to an identity nobody knows", () -> {
            workItems.forward(admin, accessRequest.id(), ForwardRequest.of("ffffffffffffffffffffffffffffffff", "who?"));
            return null;
        });
        show("an item id that does not exist", () -> workItems.get(ginger, "2c9180835d2e5168015d32f8deadbeef"));
        out.println("  Ginger's summary is unchanged: " + workItems.summary(ginger, null));

        title("The store survives a restart");
        store.close();
        try (JdbcWorkItemRepository reopened = open.get()) {
            WorkItems again =
                    WorkItems.builder().storage(reopened).identities(people).build();
            out.println("  closed and reopened the store: Ginger's summary is still " + again.summary(ginger, null));
            out.println("  and the history of \"Create an Account\" still has "
                    + again.history(admin, createAccount.id()).size() + " events");
        }
    }

    private static void title(String t) {
        out.println();
        out.println("== " + t);
    }

    private static void row(WorkItem w) {
        out.printf(
                "  %-10s %-18s %-14s owner %-14s created %s  [%s]%n",
                w.state().wireName(), w.name(), w.type().wireName(), w.ownerName(), w.created(), w.description());
    }

    private static void details(WorkItem w) {
        out.printf(
                "  %s \"%s\" (%s) state=%s owner=%s requester=%s numItems=%s%n",
                w.id(),
                w.name(),
                w.type().wireName(),
                w.state().wireName(),
                w.ownerName(),
                w.requesterDisplayName(),
                w.numItems());
        out.printf("    created %s, modified %s, completed %s%n", w.created(), w.modified(), w.completed());
        if (w.approvalItems() != null) {
            for (ApprovalItem a : w.approvalItems()) {
                out.printf(
                        "    approval item %-10s %s %s %s=%s on account %s%n",
                        a.state() == null ? "-" : a.state().wireName(),
                        a.application(),
                        a.operation(),
                        a.name(),
                        a.value(),
                        a.account());
            }
        }
        if (w.form() != null) {
            out.printf(
                    "    form \"%s\": %s; sections %s%n",
                    w.form().title(),
                    w.form().subtitle(),
                    w.form().sections().stream()
                            .map(s -> s.label() + " " + s.formItems())
                            .toList());
        }
        if (w.accountSelection() != null) {
            out.println("    account selection: " + w.accountSelection());
        }
    }

    private static void show(String what, Supplier<Object> call) {
        try {
            out.println("  " + what + " -> " + call.get());
        } catch (WorkItemsException e) {
            out.printf("  %s -> %d %s: %s%n", what, e.status(), e.detailCode(), e.causes());
        }
    }

    /** A clock that moves a few minutes each time the demo says so, so the times read like a real morning. */
    private static final class StepClock extends Clock {
        private Instant now;

        StepClock(Instant start) {
            now = start;
        }

        void tick() {
            now = now.plus(Duration.ofMinutes(7)).plusMillis(311);
        }

        void advance(Duration d) {
            now = now.plus(d);
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
