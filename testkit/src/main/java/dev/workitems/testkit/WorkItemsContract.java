package dev.workitems.testkit;

import static dev.workitems.testkit.Fixture.ADA;
import static dev.workitems.testkit.Fixture.CYD;
import static dev.workitems.testkit.Fixture.FRED;
import static dev.workitems.testkit.Fixture.GINGER;
import static dev.workitems.testkit.Fixture.NOBODY;
import static dev.workitems.testkit.Fixture.admin;
import static dev.workitems.testkit.Fixture.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workitems.ApprovalItem;
import dev.workitems.Caller;
import dev.workitems.ConflictException;
import dev.workitems.ForbiddenException;
import dev.workitems.ForwardRequest;
import dev.workitems.HistoryAction;
import dev.workitems.HistoryEvent;
import dev.workitems.InvalidRequestException;
import dev.workitems.LifecycleOptions;
import dev.workitems.ListPosition;
import dev.workitems.ListQuery;
import dev.workitems.NewWorkItem;
import dev.workitems.NotFoundException;
import dev.workitems.Page;
import dev.workitems.StorageFailureException;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemState;
import dev.workitems.WorkItemSummary;
import dev.workitems.WorkItemType;
import dev.workitems.WorkItems;
import dev.workitems.WorkItemsException;
import dev.workitems.spi.ForwardNotification;
import dev.workitems.spi.IdGenerator;
import dev.workitems.spi.WorkItemRepository;
import dev.workitems.spi.WorkItemWrite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The service's behaviour over a store: every operation, every decision of the contract's Part A that the core owns,
 * and bad input. Extend it and implement {@link #newRepository()}.
 */
public abstract class WorkItemsContract {

    /** @return a new, empty store; called for every service a test builds */
    protected abstract WorkItemRepository newRepository();

    /** @param repository a store made by {@link #newRepository()}, to close after its test */
    protected void release(WorkItemRepository repository) {}

    private final List<WorkItemRepository> opened = new ArrayList<>();
    private Fixture fx;
    private WorkItems svc;
    private final Caller fred = user(FRED);

    private WorkItemRepository store() {
        WorkItemRepository r = newRepository();
        opened.add(r);
        return r;
    }

    @BeforeEach
    void setUp() {
        fx = new Fixture(store());
        svc = fx.service();
    }

    @AfterEach
    void tearDown() {
        opened.forEach(this::release);
    }

    private Fixture withOptions(LifecycleOptions options) {
        return new Fixture(store(), options, 7);
    }

    private static List<String> ids(Page<WorkItem> page) {
        return page.items().stream().map(WorkItem::id).toList();
    }

    /** Runs a call that must fail with {@code type}, and checks that nothing visible changed. */
    private <T extends WorkItemsException> T failsAndChangesNothing(Class<T> type, Executable call) {
        Map<String, Object> before = snapshot();
        T e = assertThrows(type, call, () -> "expected a " + type.getSimpleName());
        assertEquals(before, snapshot(), "a failed call must change nothing");
        return e;
    }

    private Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        for (String owner : Fixture.IDENTITIES) {
            Caller a = admin();
            for (WorkItem w :
                    svc.listPending(a, new ListQuery(owner, 250, 0, false)).items()) {
                s.put(w.id(), List.of(w, svc.history(a, w.id())));
            }
            for (WorkItem w :
                    svc.listCompleted(a, new ListQuery(owner, 250, 0, false)).items()) {
                s.put(w.id(), List.of(w, svc.history(a, w.id())));
            }
            s.put("summary:" + owner, svc.summary(a, owner));
        }
        s.put("notifications", fx.forwardNotifications().size());
        return s;
    }

    private List<HistoryAction> actions(String id) {
        return svc.history(admin(), id).stream().map(HistoryEvent::action).toList();
    }

    // ---- create and read -------------------------------------------------------------------------------------

    @Test
    void createdItemIsPendingWithNamesFromTheDirectory() {
        WorkItem w = fx.approval(FRED, 2);
        assertEquals(WorkItemState.PENDING, w.state(), "a created item is Pending");
        assertEquals("Fred.Astaire", w.ownerName(), "the owner's name comes from the identity directory");
        assertEquals(GINGER, w.requesterId(), "the requester");
        assertEquals(
                "Ginger.Rogers", w.requesterDisplayName(), "the requester's name comes from the identity directory");
        assertEquals(Fixture.START, w.created(), "created at the service's clock");
        assertNull(w.modified(), "a new item was never modified");
        assertNull(w.completed(), "a new item is not completed");
        assertEquals(1, w.version(), "a new item is version 1");
        assertEquals(2, w.numItems(), "numItems counts the approval items");
        assertTrue(
                w.approvalItems().stream().allMatch(a -> a.state() == WorkItemState.PENDING),
                "every approval item starts Pending");
        assertTrue(w.id().matches("[0-9a-f]{32}"), w.id());
        assertTrue(
                w.approvalItems().get(0).id().matches("[0-9a-f]{32}"),
                "approval item ids are 32 lower-case hex characters");
        assertEquals(w, svc.get(fred, w.id()), "get returns the item create returned");
        assertEquals(List.of(HistoryAction.CREATED), actions(w.id()), "history: the creation only");
        assertEquals(GINGER, svc.history(fred, w.id()).get(0).actorId(), "the requester is the creation's actor");
    }

    @Test
    void numItemsCountsApprovalAndRemediationItemsAndIsNullWithoutThem() {
        assertNull(fx.generic(FRED).numItems(), "numItems is null without approval or remediation items");
        assertEquals(1, fx.form(FRED).numItems(), "numItems counts remediation items");
        assertEquals(3, fx.approval(FRED, 3).numItems(), "numItems counts approval items");
    }

    @Test
    void createRejectsUnknownOwnerOrRequester() {
        InvalidRequestException e = failsAndChangesNothing(
                InvalidRequestException.class,
                () -> svc.create(
                        NewWorkItem.builder().description("x").ownerId(NOBODY).build()));
        assertEquals(
                InvalidRequestException.REFERENCED_OBJECT_NOT_FOUND,
                e.detailCode(),
                "an unknown owner is a reference not found");
        assertEquals(List.of("ownerId"), e.parameters(), "the error names ownerId");
        e = failsAndChangesNothing(
                InvalidRequestException.class,
                () -> svc.create(NewWorkItem.builder()
                        .description("x")
                        .ownerId(FRED)
                        .requesterId(NOBODY)
                        .build()));
        assertEquals(List.of("requesterId"), e.parameters(), "the error names requesterId");
    }

    @Test
    void createRejectsMissingFieldsAndTakenIds() {
        assertThrows(
                InvalidRequestException.class,
                () -> NewWorkItem.builder().ownerId(FRED).build(),
                "a create without a description is refused");
        assertThrows(
                InvalidRequestException.class,
                () -> NewWorkItem.builder().description(" "),
                "a blank description is refused");
        assertThrows(
                InvalidRequestException.class,
                () -> NewWorkItem.builder().description("d").build(),
                "a create without an owner is refused");
        svc.create(NewWorkItem.builder()
                .id("host-id-1")
                .description("first")
                .ownerId(FRED)
                .build());
        InvalidRequestException e = failsAndChangesNothing(
                InvalidRequestException.class,
                () -> svc.create(NewWorkItem.builder()
                        .id("host-id-1")
                        .description("second")
                        .ownerId(GINGER)
                        .build()));
        assertTrue(e.getMessage().contains("host-id-1"), "the error names the taken id");
        assertEquals("first", svc.get(fred, "host-id-1").description(), "the first item with that id is kept");
    }

    @Test
    void defaultIdsAre32LowerCaseHexAndUnique() {
        IdGenerator ids = IdGenerator.randomUuid();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = ids.newId();
            assertTrue(id.matches("[0-9a-f]{32}"), id);
            assertTrue(seen.add(id), "ids are unique: " + id);
        }
    }

    @Test
    void getUnknownIsNotFoundAndOthersItemIsForbidden() {
        WorkItem w = fx.generic(FRED);
        assertEquals(
                404,
                assertThrows(NotFoundException.class, () -> svc.get(fred, "nope"))
                        .status(),
                "an unknown id is a 404");
        assertEquals(
                403,
                assertThrows(ForbiddenException.class, () -> svc.get(user(GINGER), w.id()))
                        .status(),
                "someone else's item is a 403");
        assertThrows(
                ForbiddenException.class,
                () -> svc.history(user(GINGER), w.id()),
                "someone else's history is forbidden");
        assertEquals(w, svc.get(admin(), w.id()), "an admin reads anyone's item");
        assertThrows(InvalidRequestException.class, () -> svc.get(fred, " "), "a blank id is invalid");
        assertThrows(InvalidRequestException.class, () -> svc.get(null, w.id()), "a missing caller is invalid");
    }

    // ---- D1 lists, counts, summary ----------------------------------------------------------------------------

    @Test
    void pendingAndCompletedListsCountsAndSummaryAgree() {
        WorkItem a = fx.generic(FRED);
        fx.tick(1);
        WorkItem b = fx.approval(FRED, 1);
        fx.tick(1);
        WorkItem c = fx.generic(FRED);
        fx.generic(GINGER);
        svc.complete(fred, b.id());
        svc.cancel(ADA, c.id(), "no longer needed");

        assertEquals(List.of(a.id()), ids(svc.listPending(fred, ListQuery.firstPage())), "the pending list");
        assertEquals(
                List.of(b.id(), c.id()),
                ids(svc.listCompleted(fred, ListQuery.firstPage())),
                "the completed list, in creation order");
        assertEquals(1, svc.countPending(fred, null).count(), "the pending count equals the pending list");
        assertEquals(2, svc.countCompleted(fred, null).count(), "the completed count equals the completed list");
        assertEquals(new WorkItemSummary(1, 2, 3), svc.summary(fred, null), "the caller's summary");
        assertEquals(
                new WorkItemSummary(1, 0, 1),
                svc.summary(admin(), GINGER),
                "another owner's summary, read by an admin");
    }

    @Test
    void completedItemLeavesThePendingCount() {
        WorkItem w = fx.generic(FRED);
        assertEquals(1, svc.countPending(fred, FRED).count(), "one pending item");
        svc.complete(fred, w.id());
        assertEquals(0, svc.countPending(fred, FRED).count(), "a completed item leaves the pending count");
        assertEquals(1, svc.countCompleted(fred, FRED).count(), "and enters the completed count");
    }

    // ---- D2 order, D3 paging, D4 total ------------------------------------------------------------------------

    @Test
    void listsAreOrderedByCreatedThenIdAndPagesAreStable() {
        List<WorkItem> made = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            made.add(fx.generic(FRED));
            if (i % 3 == 2) {
                fx.tick(10); // three items share each creation time: ids decide between them
            }
        }
        List<String> expected = made.stream()
                .sorted(java.util.Comparator.comparing(WorkItem::created).thenComparing(WorkItem::id))
                .map(WorkItem::id)
                .toList();
        assertEquals(
                expected,
                ids(svc.listPending(fred, ListQuery.firstPage())),
                "the first page, ordered by created then id");
        List<String> walked = new ArrayList<>();
        for (int offset = 0; offset < 12; offset += 5) {
            walked.addAll(ids(svc.listPending(fred, ListQuery.page(5, offset))));
        }
        assertEquals(expected, walked, "walking one item a page yields each item once, in order");
    }

    @Test
    void keysetPagesWalkTheListWithoutSkipsWhenItemsLeaveIt() {
        List<WorkItem> made = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            made.add(fx.generic(FRED));
            if (i % 3 == 2) {
                fx.tick(10);
            }
        }
        List<WorkItem> sorted = made.stream()
                .sorted(java.util.Comparator.comparing(WorkItem::created).thenComparing(WorkItem::id))
                .toList();
        List<String> walked = new ArrayList<>();
        ListQuery q = ListQuery.page(4, 0).withCount();
        while (true) {
            Page<WorkItem> p = svc.listPending(fred, q);
            assertEquals(12L - walked.size() / 4, p.total(), "the total is the whole list's, wherever the page starts");
            p.items().forEach(w -> walked.add(w.id()));
            if (p.items().size() < 4) {
                break;
            }
            // the first item of the page just read leaves the list: an offset would now skip one, a position does not
            svc.complete(fred, p.items().get(0).id());
            q = q.after(ListPosition.after(p.items().get(p.items().size() - 1)));
        }
        assertEquals(
                sorted.stream().map(WorkItem::id).toList(),
                walked,
                "keyset pages walk every item once, in order, while items leave the list");
        assertEquals(0, q.offset(), "a keyset query keeps offset 0");
        assertEquals(
                sorted.subList(6, 8).stream().map(WorkItem::id).toList(),
                ids(svc.listPending(fred, new ListQuery(null, 2, 1, false, ListPosition.after(sorted.get(4))))),
                "an offset counts from the position");
        InvalidRequestException e = assertThrows(
                InvalidRequestException.class, () -> new ListPosition(null, "x"), "a position needs its time");
        assertEquals(List.of("after"), e.parameters(), "the error names after");
        assertThrows(
                InvalidRequestException.class,
                () -> new ListPosition(sorted.get(0).created(), "a\u0000b"),
                "a position's id may not hold NUL");
    }

    @Test
    void badPagingValuesNameEachBadParameter() {
        fx.generic(FRED);
        InvalidRequestException e = assertThrows(
                InvalidRequestException.class,
                () -> new ListQuery(null, 251, -1, false),
                "limit 251 and offset -1 are both refused");
        assertEquals(List.of("limit", "offset"), e.parameters(), "the error names both parameters");
        assertEquals(2, e.causes().size(), "one cause per bad parameter");
        assertEquals("400.1 Bad Request Content", e.detailCode(), "the contract's detail code for bad content");
        assertEquals(
                List.of("limit"),
                assertThrows(InvalidRequestException.class, () -> ListQuery.page(-1, 0))
                        .parameters(),
                "a negative limit is refused");
        e = assertThrows(
                InvalidRequestException.class,
                () -> ListQuery.parse(null, "ten", "-3", "maybe"),
                "unparseable limit, offset and count are refused");
        assertEquals(List.of("limit", "offset", "count"), e.parameters(), "the error names all three");
        assertTrue(e.causes().get(2).contains("maybe"), "the cause quotes the bad count value");
        assertEquals(
                new ListQuery(null, 250, 0, false),
                ListQuery.parse(null, null, null, null),
                "absent parameters take the contract's defaults");
        assertEquals(new ListQuery("o", 0, 7, true), ListQuery.parse("o", "0", "7", "true"), "parsed parameters");
    }

    @Test
    void limitZeroIsEmptyWithTheTotalAndOffsetPastTheEndIsEmpty() {
        fx.generic(FRED);
        fx.generic(FRED);
        Page<WorkItem> p = svc.listPending(fred, new ListQuery(null, 0, 0, true));
        assertEquals(List.of(), p.items(), "limit 0 returns no items");
        assertEquals(2L, p.total(), "limit 0 still returns the total");
        p = svc.listPending(fred, new ListQuery(null, 250, 5, true));
        assertEquals(List.of(), p.items(), "an offset past the end returns no items");
        assertEquals(2L, p.total(), "an offset past the end still returns the total");
        assertNull(svc.listPending(fred, ListQuery.page(1, 0)).total(), "no total unless asked");
        assertEquals(1, svc.listPending(fred, ListQuery.page(1, 0)).items().size(), "limit 1 returns one item");
        assertEquals(
                0L,
                svc.listCompleted(fred, new ListQuery(null, 250, 0, true)).total(),
                "an empty completed list totals 0");
    }

    // ---- D5 who may do what ------------------------------------------------------------------------------------

    @Test
    void ownerIdOfSomeoneElseNeedsAdmin() {
        fx.generic(GINGER);
        failsAndChangesNothing(
                ForbiddenException.class,
                () -> svc.listPending(fred, ListQuery.firstPage().forOwner(GINGER)));
        failsAndChangesNothing(ForbiddenException.class, () -> svc.countCompleted(fred, GINGER));
        failsAndChangesNothing(ForbiddenException.class, () -> svc.summary(fred, GINGER));
        assertEquals(
                1,
                svc.listPending(admin(), ListQuery.firstPage().forOwner(GINGER))
                        .items()
                        .size(),
                "an admin lists another owner's items");
        assertEquals(
                0,
                svc.listPending(fred, ListQuery.firstPage().forOwner(FRED))
                        .items()
                        .size(),
                "asking for one's own items by ownerId needs no admin");
    }

    @Test
    void adminAskingForAnUnknownOwnerGetsEmptyResults() {
        assertEquals(
                List.of(),
                svc.listPending(admin(), ListQuery.firstPage().forOwner(NOBODY)).items(),
                "an unknown owner has an empty list");
        assertEquals(0, svc.countPending(admin(), NOBODY).count(), "an unknown owner counts zero");
        assertEquals(
                new WorkItemSummary(0, 0, 0), svc.summary(admin(), NOBODY), "an unknown owner's summary is all zero");
    }

    @Test
    void configurableAdminRoles() {
        WorkItem w = fx.generic(GINGER);
        WorkItems custom = WorkItems.builder()
                .storage(fx.storage())
                .identities(fx.directory())
                .clock(fx.clock())
                .policy(dev.workitems.AuthorizationPolicy.of(java.util.Set.of("HELPDESK"), java.util.Set.of()))
                .build();
        assertEquals(w, custom.get(Caller.of(FRED, "HELPDESK"), w.id()), "a custom admin role reads anyone's item");
        assertThrows(
                ForbiddenException.class,
                () -> custom.get(admin(), w.id()),
                "ORG_ADMIN is no admin when the policy names another role");
        assertThrows(
                ForbiddenException.class,
                () -> custom.forward(Caller.of(CYD, "ROLE_ADMIN"), w.id(), ForwardRequest.of(FRED, "x")),
                "a forward role not named by the policy may not forward");
    }

    // ---- D6, D7, D8 decisions ----------------------------------------------------------------------------------

    @Test
    void approveFinishesTheApprovalItemAndRejectRejectsIt() {
        WorkItem w = fx.approval(FRED, 2);
        String a0 = w.approvalItems().get(0).id();
        String a1 = w.approvalItems().get(1).id();
        fx.tick(1000);
        WorkItem after = svc.approve(fred, w.id(), a0);
        assertEquals(WorkItemState.FINISHED, after.approvalItem(a0).state(), "approve finishes the approval item");
        assertEquals(WorkItemState.PENDING, after.approvalItem(a1).state(), "the other approval item stays Pending");
        assertEquals(Fixture.START.plusMillis(1000), after.modified(), "the change's time is the service's clock");
        after = svc.reject(fred, w.id(), a1);
        assertEquals(WorkItemState.REJECTED, after.approvalItem(a1).state(), "reject rejects the approval item");
        assertEquals(
                WorkItemState.PENDING, after.state(), "D6: deciding every approval item does not finish the work item");
        assertEquals(after, svc.get(fred, w.id()), "get returns the decided item");
        List<HistoryEvent> h = svc.history(fred, w.id());
        assertEquals(
                List.of(HistoryAction.CREATED, HistoryAction.APPROVED, HistoryAction.REJECTED),
                h.stream().map(HistoryEvent::action).toList(),
                "history: created, approved, rejected");
        assertEquals(a0, h.get(1).data().get("approvalItemId"), "the approval's event names its approval item");
        assertEquals(FRED, h.get(1).actorId(), "the decider is the event's actor");
    }

    @Test
    void autoCompleteOptionFinishesWhenTheLastApprovalItemIsDecided() {
        Fixture auto = withOptions(new LifecycleOptions(true, true));
        WorkItem w = auto.approval(FRED, 2);
        WorkItem after =
                auto.service().approve(fred, w.id(), w.approvalItems().get(0).id());
        assertEquals(WorkItemState.PENDING, after.state(), "one decision of two leaves the item Pending with D6");
        after = auto.service().reject(fred, w.id(), w.approvalItems().get(1).id());
        assertEquals(WorkItemState.FINISHED, after.state(), "the last decision finishes the item with D6");
        assertNotNull(after.completed(), "the finished item has its completion time");
        assertEquals(1, auto.service().countCompleted(fred, null).count(), "the finished item counts as completed");
        WorkItem bulk = auto.approval(FRED, 3);
        assertEquals(
                WorkItemState.FINISHED,
                auto.service().bulkApprove(fred, bulk.id()).state(),
                "a bulk approval of everything finishes the item with D6");
    }

    @Test
    void bulkDecisionsChangeOnlyUndecidedItems() {
        WorkItem w = fx.approval(FRED, 3);
        String a0 = w.approvalItems().get(0).id();
        svc.reject(fred, w.id(), a0);
        WorkItem after = svc.bulkApprove(fred, w.id());
        assertEquals(
                WorkItemState.REJECTED, after.approvalItem(a0).state(), "a decided approval item keeps its decision");
        assertEquals(
                WorkItemState.FINISHED,
                after.approvalItems().get(1).state(),
                "bulk approve decides the undecided approval items");
        assertEquals(
                WorkItemState.FINISHED,
                after.approvalItems().get(2).state(),
                "bulk approve decides the undecided approval items");
        long approvedEvents = svc.history(fred, w.id()).stream()
                .filter(e -> e.action() == HistoryAction.APPROVED)
                .count();
        assertEquals(2, approvedEvents, "one approval event per approval item decided");
        WorkItem again = svc.bulkReject(fred, w.id());
        assertEquals(after, again, "nothing left to decide: unchanged");
        assertEquals(
                after.version(), svc.get(fred, w.id()).version(), "get returns the version the bulk approval stored");
        WorkItem none = fx.generic(FRED);
        assertEquals(
                none,
                svc.bulkApprove(fred, none.id()),
                "a bulk approval with nothing left to decide returns the item unchanged");
    }

    @Test
    void repeatingADecisionIsIdempotentAndTheOppositeIsAConflict() {
        WorkItem w = fx.approval(FRED, 1);
        String a0 = w.approvalItems().get(0).id();
        WorkItem approved = svc.approve(fred, w.id(), a0);
        assertEquals(approved, svc.approve(fred, w.id(), a0), "approving again returns the item unchanged (D8)");
        assertEquals(2, svc.history(fred, w.id()).size(), "a repeated decision appends no history");
        ConflictException e = failsAndChangesNothing(ConflictException.class, () -> svc.reject(fred, w.id(), a0));
        assertEquals(400, e.status(), "the opposite decision is a 400");
        assertEquals("400.1.409 Work item state conflict", e.detailCode(), "the contract's state-conflict detail code");
        assertTrue(e.getMessage().contains(w.id()) && e.getMessage().contains("reject"), e.getMessage());
        assertFalse(e.isLostRace(), "a state conflict is no lost race");
    }

    @Test
    void unknownApprovalItemIsNotFound() {
        WorkItem w = fx.approval(FRED, 1);
        NotFoundException e = failsAndChangesNothing(NotFoundException.class, () -> svc.approve(fred, w.id(), "nope"));
        assertTrue(e.getMessage().contains("nope"), "the error names the unknown approval item");
        failsAndChangesNothing(NotFoundException.class, () -> svc.reject(fred, "no-such-item", "nope"));
        failsAndChangesNothing(InvalidRequestException.class, () -> svc.approve(fred, w.id(), ""));
    }

    @Test
    void actingOnACompletedItemIsAConflictNamingItsState() {
        WorkItem w = fx.approval(FRED, 2);
        svc.cancel(ADA, w.id(), "withdrawn");
        String a0 = w.approvalItems().get(0).id();
        for (Executable call : List.<Executable>of(
                () -> svc.complete(fred, w.id()),
                () -> svc.approve(fred, w.id(), a0),
                () -> svc.reject(fred, w.id(), a0),
                () -> svc.bulkApprove(fred, w.id()),
                () -> svc.bulkReject(fred, w.id()),
                () -> svc.forward(fred, w.id(), ForwardRequest.of(GINGER, "please")),
                () -> svc.expire(ADA, w.id(), "late"),
                () -> svc.returnItem(ADA, w.id(), "wrong person"))) {
            ConflictException e = failsAndChangesNothing(ConflictException.class, call);
            assertEquals(WorkItemState.CANCELED, e.state(), "the conflict names the item's state");
            assertTrue(e.getMessage().contains("Canceled"), e.getMessage());
        }
    }

    // ---- D9 complete ------------------------------------------------------------------------------------------

    @Test
    void completeFinishesAndRepeatingItChangesNothing() {
        WorkItem w = fx.approval(FRED, 1);
        fx.tick(2500);
        WorkItem done = svc.complete(fred, w.id());
        assertEquals(WorkItemState.FINISHED, done.state(), "complete finishes the item");
        assertEquals(Fixture.START.plusMillis(2500), done.completed(), "the completion time is the service's clock");
        assertEquals(done.completed(), done.modified(), "a completion is also the last modification");
        assertEquals(
                WorkItemState.PENDING,
                done.approvalItems().get(0).state(),
                "completing does not decide approval items");
        fx.tick(100);
        assertEquals(done, svc.complete(fred, w.id()), "completing again returns the item unchanged");
        assertEquals(
                List.of(HistoryAction.CREATED, HistoryAction.COMPLETED),
                actions(w.id()),
                "history: created, completed");
    }

    // ---- D10 account selection --------------------------------------------------------------------------------

    @Test
    void accountSelectionIsStoredAndFinishesTheItem() {
        WorkItem w = fx.form(FRED);
        Map<String, Object> selection = new LinkedHashMap<>();
        selection.put("account", "fred-astaire-sp");
        selection.put("extra", List.of(1L, Map.of("k", true), new java.math.BigDecimal("0.25")));
        WorkItem after = svc.submitAccountSelection(fred, w.id(), selection);
        assertEquals(WorkItemState.FINISHED, after.state(), "an account selection finishes the item (D10)");
        assertEquals(selection, after.accountSelection(), "the selection is stored");
        assertEquals(after, svc.get(fred, w.id()), "get returns the item with its selection");
        List<HistoryEvent> h = svc.history(fred, w.id());
        assertEquals(
                List.of(HistoryAction.CREATED, HistoryAction.ACCOUNT_SELECTION_SUBMITTED, HistoryAction.COMPLETED),
                h.stream().map(HistoryEvent::action).toList(),
                "history: created, selection submitted, completed");
        assertEquals(selection, h.get(1).data().get("selection"), "the selection event carries the selection");
        assertEquals(after, svc.submitAccountSelection(fred, w.id(), selection), "the same selection again: unchanged");
        failsAndChangesNothing(
                ConflictException.class, () -> svc.submitAccountSelection(fred, w.id(), Map.of("account", "other")));
    }

    @Test
    void accountSelectionNeedsAFormAPendingItemAndAnObject() {
        WorkItem plain = fx.generic(FRED);
        failsAndChangesNothing(
                InvalidRequestException.class, () -> svc.submitAccountSelection(fred, plain.id(), Map.of("a", "b")));
        WorkItem form = fx.form(FRED);
        failsAndChangesNothing(InvalidRequestException.class, () -> svc.submitAccountSelection(fred, form.id(), null));
        Map<String, Object> notJson = new HashMap<>();
        notJson.put("when", Instant.now());
        failsAndChangesNothing(
                InvalidRequestException.class, () -> svc.submitAccountSelection(fred, form.id(), notJson));
        svc.expire(ADA, form.id(), "too late");
        failsAndChangesNothing(
                ConflictException.class, () -> svc.submitAccountSelection(fred, form.id(), Map.of("a", "b")));
    }

    @Test
    void keepPendingOptionStoresTheSelectionWithoutFinishing() {
        Fixture keep = withOptions(new LifecycleOptions(false, false));
        WorkItem w = keep.form(FRED);
        WorkItem after = keep.service().submitAccountSelection(fred, w.id(), Map.of("account", "a1"));
        assertEquals(WorkItemState.PENDING, after.state(), "with D10 off the item stays Pending");
        assertEquals(Map.of("account", "a1"), after.accountSelection(), "the selection is stored");
        after = keep.service().submitAccountSelection(fred, w.id(), Map.of("account", "a2"));
        assertEquals(Map.of("account", "a2"), after.accountSelection(), "a new selection replaces the old");
        assertEquals(3, keep.service().history(fred, w.id()).size(), "history: created and two selections");
    }

    // ---- D11 forward -------------------------------------------------------------------------------------------

    @Test
    void forwardMovesTheItemRecordsHistoryAndNotifies() {
        WorkItem w = fx.generic(FRED);
        fx.tick(60_000);
        svc.forward(fred, w.id(), new ForwardRequest(GINGER, "I'm going on vacation.", true));
        WorkItem after = svc.get(user(GINGER), w.id());
        assertEquals(GINGER, after.ownerId(), "the new owner");
        assertEquals("Ginger.Rogers", after.ownerName(), "the new owner's name from the directory");
        assertEquals(Fixture.START.plusSeconds(60), after.modified(), "the forward's time is the service's clock");
        assertEquals(
                List.of(),
                svc.listPending(fred, ListQuery.firstPage()).items(),
                "the item leaves the old owner's list");
        assertEquals(
                List.of(w.id()),
                ids(svc.listPending(user(GINGER), ListQuery.firstPage())),
                "the item enters the new owner's list");
        assertThrows(ForbiddenException.class, () -> svc.get(fred, w.id()), "the old owner loses access");

        HistoryEvent e = svc.history(admin(), w.id()).get(1);
        assertEquals(HistoryAction.FORWARDED, e.action(), "the forward event");
        assertEquals("I'm going on vacation.", e.comment(), "the forward's comment");
        assertEquals(FRED, e.actorId(), "the forward's actor");
        assertEquals(FRED, e.data().get("previousOwnerId"), "the forward event names the previous owner");
        assertEquals(GINGER, e.data().get("newOwnerId"), "the forward event names the new owner");
        assertEquals(
                "Fred.Astaire", e.data().get("previousOwnerName"), "the forward event names the previous owner's name");

        List<ForwardNotification> sent = fx.forwardNotifications();
        assertEquals(1, sent.size(), "one notification");
        assertEquals(FRED, sent.get(0).previousOwnerId(), "the notification names the previous owner");
        assertEquals(GINGER, sent.get(0).item().ownerId(), "the notification carries the forwarded item");
        assertEquals("I'm going on vacation.", sent.get(0).comment(), "the notification carries the comment");
    }

    @Test
    void forwardWithoutNotificationsNotifiesNobody() {
        WorkItem w = fx.generic(FRED);
        svc.forward(admin(), w.id(), new ForwardRequest(CYD, "reassigning", false));
        assertEquals(CYD, svc.get(admin(), w.id()).ownerId(), "the admin's forward moved the item");
        assertEquals(List.of(), fx.forwardNotifications(), "no notification was asked for");
        assertEquals(ADA, svc.history(admin(), w.id()).get(1).actorId(), "the admin is the forward's actor");
    }

    @Test
    void forwardRejectsBadBodiesUnknownTargetsAndTheCurrentOwner() {
        WorkItem w = fx.generic(FRED);
        InvalidRequestException e = assertThrows(
                InvalidRequestException.class,
                () -> new ForwardRequest(" ", null, true),
                "a blank target and a missing comment are refused");
        assertEquals(List.of("targetOwnerId", "comment"), e.parameters(), "the error names both");
        e = failsAndChangesNothing(
                InvalidRequestException.class, () -> svc.forward(fred, w.id(), ForwardRequest.of(NOBODY, "x")));
        assertEquals(
                "400.1.404 Referenced object not found", e.detailCode(), "an unknown target is a reference not found");
        assertTrue(e.getMessage().contains(NOBODY), "the error names the unknown target");
        e = failsAndChangesNothing(
                InvalidRequestException.class, () -> svc.forward(fred, w.id(), ForwardRequest.of(FRED, "to myself")));
        assertEquals(List.of("targetOwnerId"), e.parameters(), "the error names the target");
        failsAndChangesNothing(
                NotFoundException.class, () -> svc.forward(fred, "no-such-item", ForwardRequest.of(GINGER, "x")));
        failsAndChangesNothing(InvalidRequestException.class, () -> svc.forward(fred, w.id(), null));
    }

    @Test
    void aFailingNotifierDoesNotUndoTheForward() {
        AtomicInteger calls = new AtomicInteger();
        WorkItems noisy = WorkItems.builder()
                .storage(fx.storage())
                .identities(fx.directory())
                .clock(fx.clock())
                .notifier(n -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("mail server down");
                })
                .build();
        WorkItem w = fx.generic(FRED);
        noisy.forward(fred, w.id(), ForwardRequest.of(GINGER, "over to you"));
        assertEquals(1, calls.get(), "the notifier was called once");
        assertEquals(
                GINGER, svc.get(admin(), w.id()).ownerId(), "the forward stays stored although the notifier failed");
    }

    // ---- D15 host actions --------------------------------------------------------------------------------------

    @Test
    void hostActionsCloseItemsWithAReason() {
        WorkItem r = fx.generic(FRED);
        WorkItem x = fx.generic(FRED);
        WorkItem c = fx.generic(FRED);
        fx.tick(5);
        assertEquals(
                WorkItemState.RETURNED,
                svc.returnItem(ADA, r.id(), "wrong team").state(),
                "return closes the item as Returned");
        assertEquals(
                WorkItemState.EXPIRED,
                svc.expire("scheduler", x.id(), "deadline passed").state(),
                "expire closes the item as Expired");
        WorkItem canceled = svc.cancel(ADA, c.id(), "request withdrawn");
        assertEquals(WorkItemState.CANCELED, canceled.state(), "cancel closes the item as Canceled");
        assertEquals(Fixture.START.plusMillis(5), canceled.completed(), "the close time is the service's clock");
        assertEquals(canceled, svc.cancel(ADA, c.id(), "again"), "repeating is idempotent");
        assertEquals(
                new WorkItemSummary(0, 3, 3),
                svc.summary(fred, null),
                "returned, expired and canceled items all count as completed");
        HistoryEvent e = svc.history(fred, x.id()).get(1);
        assertEquals(HistoryAction.EXPIRED, e.action(), "the expire event");
        assertEquals("deadline passed", e.comment(), "the expire event carries the reason");
        assertEquals("scheduler", e.actorId(), "the expire event's actor");
        failsAndChangesNothing(InvalidRequestException.class, () -> svc.cancel(ADA, r.id(), " "));
        failsAndChangesNothing(NotFoundException.class, () -> svc.expire(ADA, "missing", "x"));
    }

    // ---- robustness ------------------------------------------------------------------------------------------

    @Test
    void theNulCharacterIsRefusedEverywhereAndLookupsWithItFindNothing() {
        WorkItem w = fx.form(FRED);
        failsAndChangesNothing(
                InvalidRequestException.class, () -> svc.forward(fred, w.id(), ForwardRequest.of(GINGER, "a\u0000b")));
        failsAndChangesNothing(
                InvalidRequestException.class,
                () -> svc.submitAccountSelection(fred, w.id(), Map.of("account", "x\u0000")));
        failsAndChangesNothing(
                InvalidRequestException.class, () -> svc.submitAccountSelection(fred, w.id(), Map.of("a\u0000", "x")));
        failsAndChangesNothing(
                InvalidRequestException.class,
                () -> svc.create(NewWorkItem.builder()
                        .description("d")
                        .ownerId(FRED)
                        .name("n\u0000")
                        .build()));
        failsAndChangesNothing(InvalidRequestException.class, () -> svc.cancel(ADA, w.id(), "why\u0000"));
        assertEquals(
                List.of("id"),
                failsAndChangesNothing(InvalidRequestException.class, () -> svc.get(fred, w.id() + "\u0000"))
                        .parameters(),
                "a NUL in an id is refused, naming the id");
        assertEquals(0, svc.countPending(admin(), "fred\u0000").count(), "an owner id with NUL counts nothing");
        assertEquals(
                List.of(),
                svc.listPending(admin(), ListQuery.firstPage().forOwner("\u0000"))
                        .items(),
                "an owner id with NUL lists nothing");
    }

    @Test
    void aLostRaceIsRetriedAgainstTheFreshItem() {
        Fixture base = fx;
        WorkItem w = base.approval(FRED, 2);
        String a0 = w.approvalItems().get(0).id();
        String a1 = w.approvalItems().get(1).id();
        WorkItemRepository real = base.storage();
        AtomicInteger interference = new AtomicInteger();
        WorkItemRepository racing = new DelegatingRepository(real) {
            @Override
            public boolean update(WorkItemWrite write) {
                if (interference.getAndIncrement() == 0) {
                    // Another writer gets in first: it rejects a1, so this write's version is stale.
                    svc.reject(user(FRED), w.id(), a1);
                }
                return super.update(write);
            }
        };
        WorkItems raced = WorkItems.builder()
                .storage(racing)
                .identities(base.directory())
                .clock(base.clock())
                .build();
        WorkItem after = raced.approve(fred, w.id(), a0);
        assertEquals(
                WorkItemState.FINISHED, after.approvalItem(a0).state(), "the approval made after the race is stored");
        assertEquals(WorkItemState.REJECTED, after.approvalItem(a1).state(), "the other writer's update is not lost");
        assertEquals(3, after.version(), "the version counts both writers' changes");
        assertEquals(after, svc.get(fred, w.id()), "get returns the item after both changes");
    }

    @Test
    void endlessRacesEndInAConflictThatChangedNothing() {
        WorkItem w = fx.generic(FRED);
        WorkItemRepository hostile = new DelegatingRepository(fx.storage()) {
            @Override
            public boolean update(WorkItemWrite write) {
                return false;
            }
        };
        WorkItems raced = WorkItems.builder()
                .storage(hostile)
                .identities(fx.directory())
                .maxAttempts(3)
                .build();
        ConflictException e = failsAndChangesNothing(ConflictException.class, () -> raced.complete(fred, w.id()));
        assertTrue(e.isLostRace(), "endless races end as a lost race");
        assertTrue(e.getMessage().contains("3 times"), e.getMessage());
    }

    @Test
    void storageFailuresSurfaceAsStorageFailures() {
        WorkItem w = fx.generic(FRED);
        WorkItemRepository broken = new DelegatingRepository(fx.storage()) {
            @Override
            public java.util.Optional<WorkItem> findById(String id) {
                throw new IllegalStateException("disk on fire");
            }
        };
        WorkItems failing =
                WorkItems.builder().storage(broken).identities(fx.directory()).build();
        StorageFailureException e = assertThrows(StorageFailureException.class, () -> failing.get(fred, w.id()));
        assertEquals(500, e.status(), "a storage failure is a 500");
        assertEquals("500.0 Internal Fault", e.detailCode(), "the contract's internal-fault detail code");
        assertTrue(e.getCause().getMessage().contains("disk on fire"), "the storage's own error is kept as the cause");
    }

    /** Another instance of the service on the same store, each with its own item cache (as two host processes). */
    private WorkItems instance() {
        return WorkItems.builder()
                .storage(fx.storage())
                .identities(fx.directory())
                .clock(fx.clock())
                .itemCache(100)
                .build();
    }

    @Test
    void aWriteFromACachedItemThatAnotherInstanceChangedIsDecidedAgainOnTheStoredItem() {
        WorkItems first = instance();
        WorkItems second = instance();
        WorkItem w = fx.approval(FRED, 2);
        String a0 = w.approvalItems().get(0).id();
        String a1 = w.approvalItems().get(1).id();
        assertEquals(
                w,
                first.get(fred, w.id()),
                "the first instance reads version 1 and remembers it"); // first now remembers version 1
        second.reject(fred, w.id(), a1);
        WorkItem after = first.approve(fred, w.id(), a0);
        assertEquals(
                WorkItemState.FINISHED, after.approvalItem(a0).state(), "the approval is decided on the stored item");
        assertEquals(WorkItemState.REJECTED, after.approvalItem(a1).state(), "the other instance's update is not lost");
        assertEquals(3, after.version(), "the version counts both instances' changes");
        assertEquals(after, svc.get(fred, w.id()), "get returns the item after both changes");
        assertEquals(
                List.of(HistoryAction.CREATED, HistoryAction.REJECTED, HistoryAction.APPROVED),
                actions(w.id()).subList(0, 3),
                "the other instance's reject and this one's approve are both in the history");
    }

    @Test
    void aCachedItemThatRefusesIsReadAgainBeforeTheCallerIsRefused() {
        WorkItems first = instance();
        WorkItems second = instance();
        WorkItem w = fx.generic(FRED);
        first.get(fred, w.id());
        second.forward(fred, w.id(), ForwardRequest.of(GINGER, "yours now"));
        // first remembers Fred as the owner; Ginger owns the stored item and may complete it.
        WorkItem done = first.complete(user(GINGER), w.id());
        assertEquals(
                WorkItemState.FINISHED,
                done.state(),
                "the complete, refused on the stale copy, is decided again and succeeds");
        assertEquals(GINGER, done.ownerId(), "the stored owner is kept");
        assertEquals(3, done.version(), "the version counts both instances' changes");
        assertEquals(done, svc.get(user(GINGER), w.id()), "get returns the completed item");
    }

    @Test
    void aCachedItemThatSaysNothingChangesIsNotTakenAsTheAnswer() {
        WorkItems first = instance();
        WorkItems second = instance();
        WorkItem w = fx.approval(FRED, 2);
        String a0 = w.approvalItems().get(0).id();
        first.approve(fred, w.id(), a0); // first remembers version 2, a0 approved, Fred the owner
        second.forward(fred, w.id(), ForwardRequest.of(GINGER, "yours now"));
        // On the cached item approving a0 again changes nothing and Fred owns it; on the stored one Fred is not the
        // owner.
        failsAndChangesNothing(ForbiddenException.class, () -> first.approve(fred, w.id(), a0));
        WorkItem again = first.approve(user(GINGER), w.id(), a0);
        assertEquals(3, again.version(), "the approval is decided on the stored item and stored as version 3");
        assertEquals(GINGER, again.ownerId(), "the stored owner is kept");
    }

    @Test
    void aCachedWriteCountsTheStoreExactlyOnce() {
        WorkItems first = instance();
        WorkItems second = instance();
        WorkItem w = fx.generic(FRED);
        first.get(fred, w.id());
        second.forward(fred, w.id(), ForwardRequest.of(GINGER, "yours now"));
        first.forward(user(GINGER), w.id(), ForwardRequest.of(CYD, "yours"));
        assertEquals(0, svc.countPending(admin(), FRED).count(), "the forwarded item left Fred's count");
        assertEquals(0, svc.countPending(admin(), GINGER).count(), "the forwarded item left Ginger's count");
        assertEquals(1, svc.countPending(admin(), CYD).count(), "the forwarded item counts once, for Cyd");
        assertEquals(
                List.of(w.id()),
                svc.listPending(admin(), ListQuery.firstPage().forOwner(CYD)).items().stream()
                        .map(WorkItem::id)
                        .toList(),
                "the forwarded item is listed once, for Cyd");
    }

    @Test
    void returnedItemsAreImmutable() {
        WorkItem w = fx.approval(FRED, 1);
        assertThrows(
                UnsupportedOperationException.class,
                () -> w.approvalItems().add(w.approvalItems().get(0)),
                "approval items returned by the service are immutable");
        WorkItem f = fx.form(FRED);
        assertThrows(
                UnsupportedOperationException.class,
                () -> f.form().sections().get(0).formItems().get(0).put("x", "y"),
                "form items returned by the service are immutable");
        ApprovalItem a = svc.get(fred, w.id()).approvalItems().get(0);
        assertEquals(WorkItemState.PENDING, a.state(), "get returns Pending approval items");
        assertSame(WorkItemType.FORM, f.type(), "the type is kept");
    }

    /**
     * A store whose first {@code failures} inserts roll back with a transient failure (a deadlock, a busy database).
     */
    private static final class TransientInserts extends DelegatingRepository {
        private final AtomicInteger failures;

        TransientInserts(WorkItemRepository store, int failures) {
            super(store);
            this.failures = new AtomicInteger(failures);
        }

        @Override
        public boolean insert(WorkItemWrite write) {
            if (failures.getAndDecrement() > 0) {
                throw ConflictException.lostRace(write.item().id(), "create", 1);
            }
            return super.insert(write);
        }
    }

    @Test
    void aTransientInsertFailureIsRetriedByTheServiceLikeALostRace() {
        WorkItemRepository store = store();
        Fixture flaky = new Fixture(new TransientInserts(store, 3));
        WorkItem w = flaky.generic(FRED);
        assertEquals(
                List.of(w.id()),
                ids(flaky.service().listPending(fred, ListQuery.firstPage())),
                "created once, after three transient failures");
        assertEquals(1, flaky.service().countPending(fred, null).count(), "counted once");
        assertEquals(
                List.of(HistoryAction.CREATED),
                flaky.service().history(fred, w.id()).stream()
                        .map(HistoryEvent::action)
                        .toList(),
                "one CREATED event");
    }

    @Test
    void aTransientInsertFailureThatOutlastsTheAttemptsIsAConflictAndStoresNothing() {
        WorkItemRepository store = store();
        Fixture flaky = new Fixture(new TransientInserts(store, Integer.MAX_VALUE));
        ConflictException e = assertThrows(
                ConflictException.class, () -> flaky.generic(FRED), "endless transient failures end as a conflict");
        assertTrue(e.isLostRace(), e.getMessage());
        assertEquals(0, flaky.service().countPending(fred, null).count(), "nothing stored");
        assertEquals(List.of(), ids(flaky.service().listPending(fred, ListQuery.firstPage())), "nothing listed");
    }
}
