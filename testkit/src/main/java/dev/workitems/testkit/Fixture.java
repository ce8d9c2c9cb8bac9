package dev.workitems.testkit;

import dev.workitems.AuthorizationPolicy;
import dev.workitems.Caller;
import dev.workitems.Form;
import dev.workitems.FormSection;
import dev.workitems.LifecycleOptions;
import dev.workitems.NewApprovalItem;
import dev.workitems.NewWorkItem;
import dev.workitems.RemediationItem;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemType;
import dev.workitems.WorkItems;
import dev.workitems.spi.EscalationResolver;
import dev.workitems.spi.ForwardNotification;
import dev.workitems.spi.InMemoryIdentityDirectory;
import dev.workitems.spi.TimerNotification;
import dev.workitems.spi.WorkItemRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A service over a given store, with a known cast of identities, a {@link MutableClock}, seeded ids, a recorder of
 * forward and timer notifications, and an escalation resolver that names managers ({@link #MANAGERS}), plus helpers
 * that create typical items. Not thread-safe to build; the service it holds is.
 */
public final class Fixture {
    /** Fred Astaire: the owner in most tests. */
    public static final String FRED = "ef38f94347e94562b5bb8424a56397d8";
    /** Ginger Rogers: another plain identity. */
    public static final String GINGER = "2c9180835d2e5168015d32f890ca1581";
    /** Cyd Charisse: a third plain identity. */
    public static final String CYD = "2c91808a7813090a017814121e121518";
    /** Ada Admin: holds ORG_ADMIN. */
    public static final String ADA = "a1d0c6e83f027327d8461063f4ac58a6";
    /** The id of an identity the directory does not know. */
    public static final String NOBODY = "00000000000000000000000000000000";

    /** Every identity in the directory. */
    public static final List<String> IDENTITIES = List.of(FRED, GINGER, CYD, ADA);

    /** The start of every fixture's clock. */
    public static final Instant START = Instant.parse("2026-01-05T09:00:00.000Z");

    private final WorkItemRepository storage;
    private final MutableClock clock = new MutableClock(START);
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final InMemoryIdentityDirectory directory = new InMemoryIdentityDirectory()
            .put(FRED, "Fred.Astaire")
            .put(GINGER, "Ginger.Rogers")
            .put(CYD, "Cyd.Charisse")
            .put(ADA, "Ada.Admin");
    private final WorkItems service;

    /**
     * Each identity's manager, as {@link #MANAGERS_RESOLVER} names them for escalation steps without a named identity:
     * Fred's is Ginger, Ginger's is Cyd, Cyd has none, and Ada's is an identity the directory does not know.
     */
    public static final Map<String, String> MANAGERS = Map.of(FRED, GINGER, GINGER, CYD, ADA, NOBODY);

    /** Names the owner's manager from {@link #MANAGERS}: the fixture's escalation resolver. */
    public static final EscalationResolver MANAGERS_RESOLVER =
            (item, step) -> Optional.ofNullable(MANAGERS.get(item.ownerId()));

    /** @param storage the store under test @param options the lifecycle options @param seed the id seed */
    public Fixture(WorkItemRepository storage, LifecycleOptions options, long seed) {
        this(storage, options, seed, b -> {});
    }

    /**
     * @param storage the store under test
     * @param options the lifecycle options
     * @param seed the id seed
     * @param more further settings of the service (defaults, guards...), applied last
     */
    public Fixture(WorkItemRepository storage, LifecycleOptions options, long seed, Consumer<WorkItems.Builder> more) {
        this.storage = storage;
        WorkItems.Builder b = WorkItems.builder()
                .storage(storage)
                .identities(directory)
                .clock(clock)
                .ids(new SeededIds(seed))
                .notifier(notifier)
                .timerNotifier(notifier)
                .escalationResolver(MANAGERS_RESOLVER)
                .policy(AuthorizationPolicy.standard())
                .options(options);
        more.accept(b);
        this.service = b.build();
    }

    /** @param storage the store under test */
    public Fixture(WorkItemRepository storage) {
        this(storage, LifecycleOptions.DEFAULTS, 42);
    }

    /** @return the service */
    public WorkItems service() {
        return service;
    }
    /** @return the store under test */
    public WorkItemRepository storage() {
        return storage;
    }
    /** @return the clock */
    public MutableClock clock() {
        return clock;
    }
    /** @return every forward notification the service sent so far, oldest first */
    public List<ForwardNotification> forwardNotifications() {
        return notifier.received();
    }

    /** @return every reminder and escalation notification the service sent so far, oldest first */
    public List<TimerNotification> timerNotifications() {
        return notifier.timers();
    }
    /** @return the identity directory */
    public InMemoryIdentityDirectory directory() {
        return directory;
    }

    /** @param id an identity @return that identity as a caller without roles */
    public static Caller user(String id) {
        return Caller.of(id);
    }
    /** @return Ada with ORG_ADMIN */
    public static Caller admin() {
        return Caller.of(ADA, "ORG_ADMIN");
    }

    /** @param millis how far to move the clock @return this */
    public Fixture tick(long millis) {
        clock.advance(Duration.ofMillis(millis));
        return this;
    }

    /**
     * @param owner the owner
     * @param approvals how many approval items
     * @return a pending Approval item requested by Ginger, with that many approval items
     */
    public WorkItem approval(String owner, int approvals) {
        NewWorkItem.Builder b = NewWorkItem.builder()
                .type(WorkItemType.APPROVAL)
                .name("Access Request")
                .description("Approve access to GitHub for Fred.Astaire")
                .ownerId(owner)
                .requesterId(GINGER);
        for (int i = 0; i < approvals; i++) {
            b.approvalItem(NewApprovalItem.of("fred-astaire-sp", "GitHub", "groups", "add", "team-" + i));
        }
        return service.create(b.build());
    }

    /** @param owner the owner @return a pending Generic item without approval items */
    public WorkItem generic(String owner) {
        return service.create(NewWorkItem.builder()
                .type(WorkItemType.GENERIC)
                .name("Account Create")
                .description("Create an Account for Fred.Astaire on GitHub")
                .ownerId(owner)
                .build());
    }

    /** @param owner the owner @return a pending Form item carrying an account-selection form */
    public WorkItem form(String owner) {
        return service.create(NewWorkItem.builder()
                .type(WorkItemType.FORM)
                .name("Account Selection")
                .description("Pick the GitHub account for Fred.Astaire")
                .ownerId(owner)
                .requesterId(FRED)
                .form(accountSelectionForm())
                .remediationItem(new RemediationItem(
                        "c1",
                        FRED,
                        "fred.astaire",
                        "Fred Astaire",
                        "GitHub",
                        "login",
                        "update",
                        "fred-astaire-sp",
                        "fred-astaire-sp"))
                .build());
    }

    /** @return the account-selection form of the contract's example */
    public static Form accountSelectionForm() {
        return new Form(
                "2c9180835d2e5168015d32f890ca1581",
                "AccountSelection Form",
                "Account Selection for Fred.Astaire",
                "Please select from the following",
                "Fred.Astaire",
                List.of(new FormSection(
                        "Field1",
                        "Section 1",
                        List.of(Map.of(
                                "name",
                                "account",
                                "type",
                                "select",
                                "options",
                                List.of("fred-astaire-sp", "fastaire"))))));
    }
}
