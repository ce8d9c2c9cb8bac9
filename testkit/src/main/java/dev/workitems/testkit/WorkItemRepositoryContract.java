package dev.workitems.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workitems.ApprovalItem;
import dev.workitems.HistoryAction;
import dev.workitems.HistoryEvent;
import dev.workitems.ListPosition;
import dev.workitems.RemediationItem;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemState;
import dev.workitems.WorkItemType;
import dev.workitems.spi.ListKind;
import dev.workitems.spi.OwnerCounts;
import dev.workitems.spi.PageQuery;
import dev.workitems.spi.WorkItemRepository;
import dev.workitems.spi.WorkItemWrite;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The storage SPI's contract, checked directly against a store (no service in between). Extend it, implement
 * {@link #newRepository()}, and every rule of {@link WorkItemRepository} is tested against your store.
 */
public abstract class WorkItemRepositoryContract {

    /** @return a new, empty store; called once per test */
    protected abstract WorkItemRepository newRepository();

    /** @param repository a store made by {@link #newRepository()}, to close after its test */
    protected void release(WorkItemRepository repository) {}

    /**
     * @return true if the store answers rows with the items offered by {@link WorkItemRepository#recallFrom} (the JDBC
     *     store does; a store that keeps items as they are need not): the contract then checks that it does
     */
    protected boolean recallsKnownItems() {
        return false;
    }

    private WorkItemRepository repo;

    @BeforeEach
    void open() {
        repo = newRepository();
    }

    @AfterEach
    void close() {
        release(repo);
    }

    private static final Instant T0 = Instant.parse("2026-02-01T10:00:00.123Z");

    private static WorkItem item(String id, String owner, Instant created) {
        return WorkItem.builder()
                .id(id)
                .ownerId(owner)
                .ownerName(owner + " name")
                .created(created)
                .description("do " + id)
                .type(WorkItemType.GENERIC)
                .build();
    }

    private static HistoryEvent event(WorkItem w, HistoryAction a) {
        return new HistoryEvent(w.id(), w.version(), T0, "actor", a, null, Map.of());
    }

    private WorkItem insert(WorkItem w) {
        assertTrue(repo.insert(new WorkItemWrite(w, List.of(event(w, HistoryAction.CREATED)))), "insert " + w.id());
        return w;
    }

    private static WorkItem next(WorkItem w, WorkItemState state, String owner) {
        Instant t = w.created().plusSeconds(60);
        return w.toBuilder()
                .version(w.version() + 1)
                .state(state)
                .ownerId(owner)
                .ownerName(owner + " name")
                .modified(t)
                .completed(state == WorkItemState.PENDING ? null : t)
                .build();
    }

    private List<String> ids(String owner, ListKind kind, int offset, int limit) {
        return repo.findPage(new PageQuery(owner, kind, offset, limit)).stream()
                .map(WorkItem::id)
                .toList();
    }

    @Test
    void insertedItemIsFoundEqualInEveryField() {
        Map<String, Object> selection = new LinkedHashMap<>();
        selection.put("account", "fred-astaire-sp");
        selection.put("nested", Map.of("list", List.of(1L, "two", true)));
        selection.put("amount", new BigDecimal("12.50"));
        selection.put("nothing", null);
        WorkItem full = WorkItem.builder()
                .id("full")
                .requesterId("req")
                .requesterDisplayName("Req Name")
                .ownerId("own")
                .ownerName("Own Name")
                .created(T0)
                .modified(T0.plusMillis(5))
                .description("Create account on source 'AD'")
                .state(WorkItemState.FINISHED)
                .type(WorkItemType.POLICY_VIOLATION)
                .remediationItems(List.of(new RemediationItem(
                        "r1",
                        "t1",
                        "john.smith",
                        "emailAddress",
                        "Active Directory",
                        "phoneNumber",
                        "update",
                        "512-555-1212",
                        "jason.smith2")))
                .approvalItems(List.of(
                        new ApprovalItem(
                                "a1",
                                "john.smith",
                                "Active Directory",
                                "emailAddress",
                                "update",
                                "a@b.com",
                                WorkItemState.PENDING),
                        new ApprovalItem("a2", null, "AD", null, "add", null, null)))
                .name("Account Create")
                .completed(T0.plusMillis(9))
                .form(Fixture.accountSelectionForm())
                .errors(List.of("The work item ID that was specified was not found."))
                .accountSelection(selection)
                .build();
        insert(full);
        WorkItem empty = item("empty", "own", T0).toBuilder()
                .approvalItems(List.of())
                .remediationItems(List.of())
                .build();
        insert(empty);

        assertEquals(full, repo.findById("full").orElseThrow(), "every field of an item survives insert and findById");
        assertEquals(empty, repo.findById("empty").orElseThrow(), "empty lists stay empty, not null");
        insert(item("bare", "own", T0));
        assertEquals(null, repo.findById("bare").orElseThrow().approvalItems(), "absent lists stay null");
    }

    /**
     * An update that carries the item it replaces may write only what changed (WorkItemWrite.previous): every field,
     * changed alone or all at once, to a value or to null, must still be stored.
     */
    @Test
    void updatesCarryingThePreviousItemStoreEveryChangedField() {
        WorkItem full = WorkItem.builder()
                .id("u")
                .requesterId("req")
                .requesterDisplayName("Req")
                .ownerId("own")
                .ownerName("Own")
                .created(T0)
                .modified(T0.plusMillis(1))
                .description("d")
                .state(WorkItemState.PENDING)
                .type(WorkItemType.APPROVAL)
                .name("n")
                .approvalItems(
                        List.of(new ApprovalItem("a1", "acct", "AD", "memberOf", "Add", "cn=x", WorkItemState.PENDING)))
                .remediationItems(List.of(new RemediationItem("r1", "t1", "tn", "td", "app", "attr", "op", "v", "ni")))
                .form(Fixture.accountSelectionForm())
                .errors(List.of("e"))
                .accountSelection(Map.of("account", "a"))
                .build();
        WorkItem current = insert(full);
        List<java.util.function.UnaryOperator<WorkItem.Builder>> changes = List.of(
                b -> b.ownerId("other").ownerName("Other"),
                b -> b.state(WorkItemState.FINISHED).completed(T0.plusMillis(7)),
                b -> b.state(WorkItemState.PENDING).completed(null),
                b -> b.type(WorkItemType.GENERIC),
                b -> b.name(null),
                b -> b.description("d2"),
                b -> b.requesterId(null).requesterDisplayName("Req2"),
                b -> b.modified(T0.plusMillis(9)),
                b -> b.approvalItems(List.of(
                        new ApprovalItem("a1", "acct", "AD", "memberOf", "Add", "cn=x", WorkItemState.FINISHED))),
                b -> b.approvalItems(null),
                b -> b.remediationItems(List.of()),
                b -> b.form(null),
                b -> b.errors(List.of()),
                b -> b.accountSelection(null),
                b -> b.accountSelection(Map.of("account", "b", "n", 2L)),
                b -> b.ownerId("own")
                        .ownerName("Own")
                        .name("n")
                        .modified(null)
                        .form(Fixture.accountSelectionForm())
                        .approvalItems(List.of())
                        .remediationItems(null)
                        .errors(List.of("x", "y"))
                        .state(WorkItemState.REJECTED)
                        .completed(T0.plusMillis(11)),
                b -> b); // nothing but the version
        for (int i = 0; i < changes.size(); i++) {
            WorkItem next = changes.get(i)
                    .apply(current.toBuilder())
                    .version(current.version() + 1)
                    .build();
            assertTrue(
                    repo.update(new WorkItemWrite(next, List.of(event(next, HistoryAction.FORWARDED)), current)),
                    "change " + i);
            assertEquals(next, repo.findById("u").orElseThrow(), "change " + i);
            for (String owner : List.of("own", "other")) {
                for (ListKind kind : ListKind.values()) {
                    assertEquals(
                            ids(owner, kind, 0, 250).size(),
                            repo.counts(owner).of(kind),
                            "counts of " + owner + " after change " + i);
                }
            }
            current = next;
        }
        assertEquals(
                changes.size() + 1,
                repo.history("u").size(),
                "history after the insert and each change: one event each");
    }

    @Test
    void insertingATakenIdWritesNothing() {
        WorkItem first = insert(item("dup", "fred", T0));
        WorkItem second = item("dup", "ginger", T0.plusSeconds(1));
        assertFalse(
                repo.insert(new WorkItemWrite(second, List.of(event(second, HistoryAction.CREATED)))),
                "insert of an id that is taken must return false");
        assertEquals(first, repo.findById("dup").orElseThrow(), "the first item with that id is kept as it was");
        assertEquals(1, repo.history("dup").size(), "a refused insert appends no history event");
        assertEquals(OwnerCounts.NONE, repo.counts("ginger"), "a refused insert counts nothing for its owner");
    }

    @Test
    void unknownAndOddIdsAreSimplyNotFound() {
        insert(item("x", "fred", T0));
        for (String id : List.of(
                "", "X", "x ", "../x", "x' OR '1'='1", "%", "_", "x;DROP TABLE work_item", "\u0000", "é".repeat(300))) {
            assertTrue(repo.findById(id).isEmpty(), "id " + id);
            assertTrue(repo.history(id).isEmpty(), "history of " + id);
        }
    }

    @Test
    void updateAppliesOnlyAtTheExpectedVersion() {
        WorkItem v1 = insert(item("w", "fred", T0));
        WorkItem v2 = next(v1, WorkItemState.PENDING, "ginger");
        assertTrue(
                repo.update(new WorkItemWrite(v2, List.of(event(v2, HistoryAction.FORWARDED)))),
                "update at the stored version must apply");
        assertEquals(v2, repo.findById("w").orElseThrow(), "findById returns the updated item");

        WorkItem stale = next(v1, WorkItemState.FINISHED, "cyd");
        assertFalse(
                repo.update(new WorkItemWrite(stale, List.of(event(stale, HistoryAction.COMPLETED)))),
                "a write based on version 1 must lose once version 2 is stored");
        assertEquals(v2, repo.findById("w").orElseThrow(), "a lost race leaves the stored item as it was");
        assertEquals(
                List.of(HistoryAction.CREATED, HistoryAction.FORWARDED),
                repo.history("w").stream().map(HistoryEvent::action).toList(),
                "a lost race appends no history event");
        assertEquals(new OwnerCounts(1, 0), repo.counts("ginger"), "the forwarded item counts for its new owner");
        assertEquals(OwnerCounts.NONE, repo.counts("cyd"), "the stale write counted nothing for its target");
    }

    @Test
    void knownItemsAreAnAnswerOnlyAtTheVersionStored() {
        WorkItem other = insert(item("other", "fred", T0.minusSeconds(1)));
        WorkItem v1 = insert(item("k", "fred", T0));
        // What a service remembers of version 1, marked so that an answer taken from it shows.
        WorkItem knownV1 = v1.toBuilder().description("remembered at version 1").build();
        List<String> asked = new CopyOnWriteArrayList<>();
        repo.recallFrom((id, version) -> {
            asked.add(id + "@" + version);
            return id.equals("k") && version == 1 ? knownV1 : null;
        });
        WorkItem read = repo.findById("k").orElseThrow();
        List<WorkItem> first = repo.findPage(new PageQuery("fred", ListKind.PENDING, 0, 10));
        List<WorkItem> deep = repo.findPage(new PageQuery("fred", ListKind.PENDING, 1, 10));
        if (recallsKnownItems()) {
            assertSame(knownV1, read, "a row at the known version is answered with the known item");
            assertSame(knownV1, first.get(1), "a first page answers a row at the known version with the known item");
            assertSame(knownV1, deep.get(0), "so does a page past the first");
            assertTrue(asked.containsAll(List.of("k@1", "other@1")), "the store asks with each row's id and version");
        } else {
            for (WorkItem w : List.of(read, first.get(1), deep.get(0))) {
                assertTrue(w == knownV1 || w.equals(v1), "a read answers the stored or the known state: " + w);
            }
        }
        assertEquals(other, first.get(0), "an item not known is read as stored");

        WorkItem v2 = next(v1, WorkItemState.PENDING, "fred");
        assertTrue(repo.update(new WorkItemWrite(v2, List.of())), "the update at version 1 applies");
        assertEquals(v2, repo.findById("k").orElseThrow(), "once version 2 is stored, version 1 is no answer");
        assertEquals(
                List.of(other, v2),
                repo.findPage(new PageQuery("fred", ListKind.PENDING, 0, 10)),
                "nor on a first page");
        assertEquals(
                List.of(v2), repo.findPage(new PageQuery("fred", ListKind.PENDING, 1, 10)), "nor on a page past it");
    }

    @Test
    void updateOfAMissingItemWritesNothing() {
        WorkItem ghost = next(item("ghost", "fred", T0), WorkItemState.FINISHED, "fred");
        assertFalse(
                repo.update(new WorkItemWrite(ghost, List.of(event(ghost, HistoryAction.COMPLETED)))),
                "update of an item that does not exist must return false");
        assertTrue(repo.findById("ghost").isEmpty(), "an update of a missing item creates nothing");
        assertTrue(repo.history("ghost").isEmpty(), "an update of a missing item appends no history");
        assertEquals(OwnerCounts.NONE, repo.counts("fred"), "an update of a missing item counts nothing");
    }

    @Test
    void updateMovesItemsBetweenListsAndOwners() {
        WorkItem a = insert(item("a", "fred", T0));
        insert(item("b", "fred", T0.plusSeconds(1)));
        assertEquals(new OwnerCounts(2, 0), repo.counts("fred"), "two pending items count as pending");

        WorkItem done = next(a, WorkItemState.CANCELED, "fred");
        assertTrue(repo.update(new WorkItemWrite(done, List.of())), "completing an item applies");
        assertEquals(
                new OwnerCounts(1, 1),
                repo.counts("fred"),
                "a completed item moves from the pending to the completed count");
        assertEquals(List.of("b"), ids("fred", ListKind.PENDING, 0, 10), "the pending list after one item completed");
        assertEquals(
                List.of("a"), ids("fred", ListKind.COMPLETED, 0, 10), "the completed list after one item completed");

        WorkItem b2 = next(repo.findById("b").orElseThrow(), WorkItemState.PENDING, "ginger");
        assertTrue(repo.update(new WorkItemWrite(b2, List.of())), "moving an item to another owner applies");
        assertEquals(new OwnerCounts(0, 1), repo.counts("fred"), "the old owner's counts after the move");
        assertEquals(new OwnerCounts(1, 0), repo.counts("ginger"), "the new owner's counts after the move");
        assertEquals(
                List.of("b"), ids("ginger", ListKind.PENDING, 0, 10), "the new owner's pending list after the move");
        assertEquals(List.of(), ids("fred", ListKind.PENDING, 0, 10), "the old owner's pending list after the move");
    }

    @Test
    void pagesAreOrderedByCreatedThenId() {
        List<WorkItem> all = new ArrayList<>();
        String[] idsInInsertOrder = {"m", "c", "x", "a", "k", "b"};
        for (int i = 0; i < idsInInsertOrder.length; i++) {
            // two items share each creation time, so the id decides between them
            all.add(insert(item(idsInInsertOrder[i], "fred", T0.plusMillis(1000L - (i / 2) * 100))));
        }
        List<String> expected = all.stream()
                .sorted(Comparator.comparing(WorkItem::created).thenComparing(WorkItem::id))
                .map(WorkItem::id)
                .toList();
        assertEquals(Arrays.asList("b", "k", "a", "x", "c", "m"), expected, "the expected order: created, then id");
        assertEquals(expected, ids("fred", ListKind.PENDING, 0, 250), "one page of 250 in the order created, then id");
        List<String> walked = new ArrayList<>();
        for (int offset = 0; offset < 6; offset += 4) {
            walked.addAll(ids("fred", ListKind.PENDING, offset, 4));
        }
        assertEquals(expected, walked, "walking the list one item a page yields each item once, in order");
        assertEquals(expected.subList(2, 5), ids("fred", ListKind.PENDING, 2, 3), "a page at offset 2 with limit 3");
    }

    private List<String> idsAfter(String owner, ListKind kind, ListPosition after, int offset, int limit) {
        return repo.findPage(new PageQuery(owner, kind, offset, limit, after)).stream()
                .map(WorkItem::id)
                .toList();
    }

    @Test
    void keysetPagesStartAfterAPositionInTheSameOrder() {
        List<WorkItem> all = new ArrayList<>();
        String[] idsInInsertOrder = {"m", "c", "x", "a", "k", "b", "z"};
        for (int i = 0; i < idsInInsertOrder.length; i++) {
            all.add(insert(item(idsInInsertOrder[i], "fred", T0.plusMillis(1000L - (i / 2) * 100))));
        }
        insert(item("other", "ginger", T0)); // another owner's item never shows up
        List<WorkItem> sorted = all.stream()
                .sorted(Comparator.comparing(WorkItem::created).thenComparing(WorkItem::id))
                .toList();
        List<String> expected = sorted.stream().map(WorkItem::id).toList();
        for (int size = 1; size <= 4; size++) {
            List<String> walked = new ArrayList<>();
            ListPosition after = null;
            for (int guard = 0; guard < 20; guard++) {
                List<WorkItem> page = repo.findPage(new PageQuery("fred", ListKind.PENDING, 0, size, after));
                page.forEach(w -> walked.add(w.id()));
                if (page.size() < size) {
                    break;
                }
                after = ListPosition.after(page.get(page.size() - 1));
            }
            assertEquals(expected, walked, "walk by keyset, pages of " + size);
        }
        // same created time, the id decides; the offset counts from the position
        ListPosition afterSecond = ListPosition.after(sorted.get(1));
        assertEquals(
                expected.subList(2, 5),
                idsAfter("fred", ListKind.PENDING, afterSecond, 0, 3),
                "items after the second, limit 3");
        assertEquals(
                expected.subList(4, 7),
                idsAfter("fred", ListKind.PENDING, afterSecond, 2, 250),
                "items after the second, offset 2");
        assertEquals(
                List.of(),
                idsAfter("fred", ListKind.PENDING, ListPosition.after(sorted.get(6)), 0, 250),
                "nothing after the last item");
        assertEquals(
                List.of(),
                idsAfter("fred", ListKind.PENDING, afterSecond, 0, 0),
                "limit 0 after a position reads nothing");
        assertEquals(
                List.of(),
                idsAfter("fred", ListKind.COMPLETED, afterSecond, 0, 250),
                "a position of the pending list matches nothing in the completed list");
        // a position between items (no item has it) and before everything
        assertEquals(
                expected.subList(2, 7),
                idsAfter(
                        "fred",
                        ListKind.PENDING,
                        new ListPosition(sorted.get(1).created(), sorted.get(1).id() + "0"),
                        0,
                        250),
                "a position between two items (same time, id just after) starts after it");
        assertEquals(
                expected,
                idsAfter("fred", ListKind.PENDING, new ListPosition(T0.minusSeconds(1), "zzz"), 0, 250),
                "a position before every item reads them all");
        // the item a position was taken from may leave the list; the walk goes on after where it was
        WorkItem gone = sorted.get(2);
        assertTrue(
                repo.update(new WorkItemWrite(
                        next(gone, WorkItemState.FINISHED, "fred"),
                        List.of(event(next(gone, WorkItemState.FINISHED, "fred"), HistoryAction.COMPLETED)))),
                "completing the item at the position applies");
        assertEquals(
                expected.subList(3, 7),
                idsAfter("fred", ListKind.PENDING, ListPosition.after(gone), 0, 250),
                "a position whose item left the list still reads what follows it");
        assertEquals(
                List.of(gone.id()),
                idsAfter("fred", ListKind.COMPLETED, new ListPosition(T0.minusSeconds(1), "a"), 0, 250),
                "the completed item, read after a position before it");
    }

    @Test
    void limitZeroAndOffsetsPastTheEndGiveEmptyPages() {
        insert(item("a", "fred", T0));
        insert(item("b", "fred", T0));
        assertEquals(List.of(), ids("fred", ListKind.PENDING, 0, 0), "limit 0 reads nothing");
        assertEquals(List.of(), ids("fred", ListKind.PENDING, 2, 10), "an offset past the end reads nothing");
        assertEquals(
                List.of(),
                ids("fred", ListKind.PENDING, Integer.MAX_VALUE, 250),
                "the largest offset reads nothing, without overflow");
        assertEquals(List.of("b"), ids("fred", ListKind.PENDING, 1, 250), "offset 1 skips the first item");
    }

    @Test
    void unknownOwnersHaveNothing() {
        insert(item("a", "fred", T0));
        assertEquals(OwnerCounts.NONE, repo.counts("nobody"), "an owner with no items counts zero");
        assertEquals(
                List.of(), ids("nobody", ListKind.PENDING, 0, 250), "an owner with no items has an empty pending list");
        assertEquals(
                List.of(),
                ids("nobody", ListKind.COMPLETED, 0, 250),
                "an owner with no items has an empty completed list");
        assertEquals(OwnerCounts.NONE, repo.counts("FRED"), "owner ids are compared exactly");
    }

    @Test
    void countsAgreeWithPagesForEveryOwner() {
        String[] owners = {"fred", "ginger", "cyd"};
        WorkItemState[] states = WorkItemState.values();
        for (int i = 0; i < 30; i++) {
            WorkItem w = insert(item("i" + i, owners[i % 3], T0.plusMillis(i)));
            WorkItemState s = states[i % states.length];
            if (s != WorkItemState.PENDING) {
                assertTrue(
                        repo.update(new WorkItemWrite(next(w, s, w.ownerId()), List.of())),
                        "change to " + s + " applies");
            }
        }
        for (String owner : owners) {
            OwnerCounts c = repo.counts(owner);
            assertEquals(ids(owner, ListKind.PENDING, 0, 250).size(), c.pending(), owner);
            assertEquals(ids(owner, ListKind.COMPLETED, 0, 250).size(), c.completed(), owner);
            assertEquals(10, c.pending() + c.completed(), owner);
        }
    }

    @Test
    void historyKeepsEveryEventInOrder() {
        WorkItem v1 = insert(item("h", "fred", T0));
        WorkItem v2 = next(v1, WorkItemState.PENDING, "fred");
        HistoryEvent e1 = new HistoryEvent(
                "h", 2, T0, "fred", HistoryAction.APPROVED, null, Map.of("approvalItemId", "a1", "bulk", true));
        HistoryEvent e2 = new HistoryEvent(
                "h", 2, T0, "fred", HistoryAction.APPROVED, "second", Map.of("approvalItemId", "a0", "bulk", true));
        assertTrue(repo.update(new WorkItemWrite(v2, List.of(e1, e2))), "an update with two events applies");
        WorkItem v3 = next(v2, WorkItemState.FINISHED, "fred");
        HistoryEvent e3 = new HistoryEvent("h", 3, T0.plusMillis(1), "ada", HistoryAction.COMPLETED, "done", Map.of());
        assertTrue(repo.update(new WorkItemWrite(v3, List.of(e3))), "a second update applies");
        List<HistoryEvent> h = repo.history("h");
        assertEquals(4, h.size(), "created, then two events, then one: four history events");
        assertEquals(List.of(e1, e2, e3), h.subList(1, 4), "events are kept in the order appended, with every field");
        assertEquals(HistoryAction.CREATED, h.get(0).action(), "the first event is the creation");
    }

    @Test
    void concurrentWritersOfOneVersionHaveExactlyOneWinner() throws Exception {
        WorkItem v1 = insert(item("race", "fred", T0));
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String owner = "owner" + t;
                Callable<Boolean> write = () -> {
                    start.await();
                    WorkItem mine = next(v1, WorkItemState.PENDING, owner);
                    return repo.update(new WorkItemWrite(mine, List.of(event(mine, HistoryAction.FORWARDED))));
                };
                results.add(pool.submit(write));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> f : results) {
                winners += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, winners, "of eight concurrent writers of one version, exactly one wins");
            WorkItem stored = repo.findById("race").orElseThrow();
            assertEquals(2, stored.version(), "the stored version is the winner's");
            assertEquals(2, repo.history("race").size(), "history: the creation and the winner's one event");
            assertEquals(
                    new OwnerCounts(1, 0), repo.counts(stored.ownerId()), "the winner's owner counts the item once");
            assertEquals(
                    OwnerCounts.NONE, repo.counts("fred"), "the losers' writes counted nothing for the first owner");
        } finally {
            pool.shutdownNow();
        }
    }
}
