package dev.workitems.testkit;

import static dev.workitems.testkit.Fixture.ADA;
import static dev.workitems.testkit.Fixture.CYD;
import static dev.workitems.testkit.Fixture.FRED;
import static dev.workitems.testkit.Fixture.GINGER;
import static dev.workitems.testkit.Fixture.NOBODY;
import static dev.workitems.testkit.Fixture.START;
import static dev.workitems.testkit.Fixture.admin;
import static dev.workitems.testkit.Fixture.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workitems.FeedEvent;
import dev.workitems.ForbiddenException;
import dev.workitems.ForwardRequest;
import dev.workitems.HistoryAction;
import dev.workitems.HistoryEvent;
import dev.workitems.InvalidRequestException;
import dev.workitems.LifecycleOptions;
import dev.workitems.NewWorkItem;
import dev.workitems.NotFoundException;
import dev.workitems.ReassignmentConfigType;
import dev.workitems.ReassignmentEvaluation;
import dev.workitems.ReassignmentMove;
import dev.workitems.ReassignmentRequest;
import dev.workitems.ReassignmentRule;
import dev.workitems.Reassignments;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemType;
import dev.workitems.WorkItems;
import dev.workitems.spi.WorkItemRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Work Reassignment's contract (CONTRACT.md Part C), through the service over a store that keeps rules: the rule
 * operations with their audit details, validation (R6) and authorization (R5) with nothing changed on a refusal; the
 * chain (R3) with its time window, loops and five-step limit; rules acting on create and on forward (R2) with the
 * history and the feed recording the original owner, never on the requester's own request (R4), and not at all while
 * the tenant's switch is off (R7). Extend it and implement {@link #newRepository()} with a store that implements
 * {@link dev.workitems.spi.ReassignmentStore}.
 */
public abstract class ReassignmentContract {

    /** @return a new, empty store that keeps reassignment rules; called once per test */
    protected abstract WorkItemRepository newRepository();

    /** @param repository a store made by {@link #newRepository()}, to close after its test */
    protected void release(WorkItemRepository repository) {}

    private WorkItemRepository repo;
    private Fixture fx;
    private WorkItems svc;
    private Reassignments rules;

    @BeforeEach
    void open() {
        repo = newRepository();
        fx = new Fixture(repo, LifecycleOptions.DEFAULTS, 13);
        svc = fx.service();
        rules = svc.reassignments();
    }

    @AfterEach
    void close() {
        release(repo);
    }

    private static ReassignmentRequest away(String from, String to, ReassignmentConfigType type) {
        return new ReassignmentRequest(from, to, type, null, null);
    }

    private WorkItem approvalFor(String owner, String requester) {
        NewWorkItem.Builder b = NewWorkItem.builder()
                .type(WorkItemType.APPROVAL)
                .name("Access Request")
                .description("Approve GitHub access for Fred.Astaire")
                .ownerId(owner);
        if (requester != null) {
            b.requesterId(requester);
        }
        return svc.create(b.build());
    }

    private List<HistoryEvent> reassigned(String id) {
        return svc.history(admin(), id).stream()
                .filter(e -> e.action() == HistoryAction.REASSIGNED)
                .toList();
    }

    // ---- the rule operations -----------------------------------------------------------------------------------

    @Test
    void rulesAreCreatedReadReplacedAndDeletedWithTheirAuditDetails() {
        ReassignmentRule made = rules.create(user(GINGER), away(GINGER, CYD, ReassignmentConfigType.ACCESS_REQUESTS));
        assertEquals(GINGER, made.identityId());
        assertEquals(CYD, made.targetId());
        assertEquals(START, made.start(), "no start date: from now");
        assertNull(made.end(), "no end date: for good");
        assertEquals(START, made.created());
        assertEquals(GINGER, made.createdBy());
        assertNull(made.modified());
        assertEquals(List.of(made), rules.get(user(GINGER), GINGER));
        assertEquals(List.of(made), rules.get(admin(), GINGER), "an admin reads anyone's");
        assertEquals(List.of(made), rules.list(admin()));
        assertEquals(List.of(made), rules.list(user(GINGER)), "a user lists their own");
        assertEquals(List.of(), rules.list(user(FRED)), "and nobody else's");

        fx.tick(60_000);
        Instant until = START.plus(Duration.ofDays(14));
        ReassignmentRule replaced = rules.put(
                admin(),
                GINGER,
                new ReassignmentRequest(GINGER, ADA, ReassignmentConfigType.ACCESS_REQUESTS, null, until));
        assertEquals(ADA, replaced.targetId());
        assertEquals(until, replaced.end());
        assertEquals(START, replaced.created(), "replacing keeps who created it and when");
        assertEquals(GINGER, replaced.createdBy());
        assertEquals(START.plusSeconds(60), replaced.modified());
        assertEquals(ADA, replaced.modifiedBy());
        ReassignmentRule manual =
                rules.put(user(GINGER), GINGER, away(GINGER, FRED, ReassignmentConfigType.MANUAL_TASKS));
        assertEquals(List.of(replaced, manual), rules.get(user(GINGER), GINGER), "PUT leaves the other types alone");

        rules.delete(user(GINGER), GINGER, ReassignmentConfigType.ACCESS_REQUESTS);
        assertEquals(List.of(manual), rules.get(user(GINGER), GINGER));
        assertThrows(
                NotFoundException.class,
                () -> rules.delete(user(GINGER), GINGER, ReassignmentConfigType.ACCESS_REQUESTS),
                "deleting what is not there");
        assertEquals(List.of(ReassignmentConfigType.values()), rules.types(user(FRED)));
    }

    @Test
    void everyRuleChangeIsAuditedWithWhoWhenBeforeAndAfter() {
        ReassignmentRule made = rules.create(user(GINGER), away(GINGER, CYD, ReassignmentConfigType.ACCESS_REQUESTS));
        assertThrows(
                InvalidRequestException.class,
                () -> rules.create(admin(), away(GINGER, FRED, ReassignmentConfigType.ACCESS_REQUESTS)),
                "a refused change is not audited");
        fx.tick(1_000);
        ReassignmentRule replaced =
                rules.put(admin(), GINGER, away(GINGER, FRED, ReassignmentConfigType.ACCESS_REQUESTS));
        fx.tick(1_000);
        rules.delete(user(GINGER), GINGER, ReassignmentConfigType.ACCESS_REQUESTS);
        rules.create(user(CYD), away(CYD, FRED, ReassignmentConfigType.MANUAL_TASKS)); // someone else's
        List<dev.workitems.spi.ReassignmentStore.RuleChange> trail = rules.changes(user(GINGER), GINGER);
        assertEquals(
                List.of(
                        new dev.workitems.spi.ReassignmentStore.RuleChange(
                                GINGER, ReassignmentConfigType.ACCESS_REQUESTS, START, GINGER, null, made),
                        new dev.workitems.spi.ReassignmentStore.RuleChange(
                                GINGER,
                                ReassignmentConfigType.ACCESS_REQUESTS,
                                START.plusSeconds(1),
                                ADA,
                                made,
                                replaced),
                        new dev.workitems.spi.ReassignmentStore.RuleChange(
                                GINGER,
                                ReassignmentConfigType.ACCESS_REQUESTS,
                                START.plusSeconds(2),
                                GINGER,
                                replaced,
                                null)),
                trail);
        assertThrows(ForbiddenException.class, () -> rules.changes(user(FRED), GINGER));
        assertEquals(1, rules.changes(admin(), CYD).size());
    }

    @Test
    void invalidRulesAreRefusedNamingTheFieldAndChangeNothing() {
        ReassignmentRule kept = rules.create(admin(), away(FRED, GINGER, ReassignmentConfigType.MANUAL_TASKS));
        Map<String, Runnable> bad = Map.of(
                "reassignedToId",
                () -> rules.create(admin(), away(GINGER, GINGER, ReassignmentConfigType.MANUAL_TASKS)),
                "configType",
                () -> rules.create(admin(), away(GINGER, CYD, null)),
                "endDate",
                () -> rules.create(
                        admin(),
                        new ReassignmentRequest(
                                GINGER, CYD, ReassignmentConfigType.MANUAL_TASKS, START.plusSeconds(10), START)),
                "reassignedFromId",
                () -> rules.put(admin(), GINGER, away(CYD, ADA, ReassignmentConfigType.MANUAL_TASKS)));
        for (Map.Entry<String, Runnable> c : bad.entrySet()) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, c.getValue()::run, c.getKey());
            assertEquals(List.of(c.getKey()), e.parameters(), e.getMessage());
            assertEquals(InvalidRequestException.BAD_REQUEST_CONTENT, e.detailCode());
        }
        InvalidRequestException unknown = assertThrows(
                InvalidRequestException.class,
                () -> rules.create(admin(), away(GINGER, NOBODY, ReassignmentConfigType.MANUAL_TASKS)));
        assertEquals(InvalidRequestException.REFERENCED_OBJECT_NOT_FOUND, unknown.detailCode());
        assertEquals(List.of("reassignedToId"), unknown.parameters());
        InvalidRequestException twice = assertThrows(
                InvalidRequestException.class,
                () -> rules.create(admin(), away(FRED, CYD, ReassignmentConfigType.MANUAL_TASKS)),
                "one rule per identity and config type");
        assertEquals(List.of("configType"), twice.parameters());
        assertEquals(List.of(kept), rules.list(admin()), "nothing changed");
    }

    @Test
    void onlyTheIdentityOrAnAdminManagesItsRules() {
        assertThrows(
                ForbiddenException.class,
                () -> rules.create(user(FRED), away(GINGER, CYD, ReassignmentConfigType.MANUAL_TASKS)));
        ReassignmentRule r = rules.create(user(GINGER), away(GINGER, CYD, ReassignmentConfigType.MANUAL_TASKS));
        assertThrows(ForbiddenException.class, () -> rules.get(user(FRED), GINGER));
        assertThrows(
                ForbiddenException.class,
                () -> rules.put(user(FRED), GINGER, away(GINGER, FRED, ReassignmentConfigType.MANUAL_TASKS)));
        assertThrows(
                ForbiddenException.class, () -> rules.delete(user(FRED), GINGER, ReassignmentConfigType.MANUAL_TASKS));
        assertThrows(
                ForbiddenException.class,
                () -> rules.evaluate(user(FRED), GINGER, ReassignmentConfigType.MANUAL_TASKS, null));
        assertThrows(ForbiddenException.class, () -> rules.setTenantSwitch(user(GINGER), true));
        assertEquals(List.of(r), rules.list(admin()), "nothing changed");
        assertTrue(!rules.tenantSwitch(user(FRED)).disabled(), "anyone reads the switch");
        assertThrows(NotFoundException.class, () -> rules.get(admin(), NOBODY), "an unknown identity");
    }

    // ---- the chain ---------------------------------------------------------------------------------------------

    @Test
    void theChainFollowsActiveRulesStopsBeforeALoopAndTakesAtMostFiveSteps() {
        ReassignmentConfigType t = ReassignmentConfigType.ACCESS_REQUESTS;
        rules.create(admin(), away(GINGER, CYD, t));
        rules.create(admin(), away(CYD, ADA, t));
        ReassignmentEvaluation ev = rules.evaluate(user(GINGER), GINGER, t, null);
        assertEquals(ADA, ev.reassignToId());
        assertEquals(
                List.of(
                        new ReassignmentEvaluation.Step(
                                GINGER, CYD, ReassignmentEvaluation.Kind.AUTOMATIC_REASSIGNMENT),
                        new ReassignmentEvaluation.Step(CYD, ADA, ReassignmentEvaluation.Kind.AUTOMATIC_REASSIGNMENT)),
                ev.lookupTrail());
        rules.create(admin(), away(ADA, GINGER, t));
        assertEquals(
                ADA, rules.evaluate(admin(), GINGER, t, null).reassignToId(), "the step back to Ginger is not taken");
        assertEquals(
                GINGER,
                rules.evaluate(admin(), GINGER, ReassignmentConfigType.CERTIFICATIONS, null)
                        .reassignToId(),
                "another type: no rule");

        List<String> line = List.of("p0", "p1", "p2", "p3", "p4", "p5", "p6");
        line.forEach(p -> fx.directory().put(p, "Person " + p));
        for (int i = 0; i + 1 < line.size(); i++) {
            rules.create(admin(), away(line.get(i), line.get(i + 1), t));
        }
        ReassignmentEvaluation longest = rules.evaluate(admin(), "p0", t, null);
        assertEquals(5, longest.lookupTrail().size(), "at most five steps");
        assertEquals("p5", longest.reassignToId());
    }

    @Test
    void aRuleActsFromItsStartUntilItsEndOnTheClock() {
        ReassignmentConfigType t = ReassignmentConfigType.MANUAL_TASKS;
        Instant from = START.plus(Duration.ofDays(1));
        Instant to = START.plus(Duration.ofDays(3));
        rules.create(user(GINGER), new ReassignmentRequest(GINGER, CYD, t, from, to));
        assertEquals(GINGER, rules.evaluate(admin(), GINGER, t, null).reassignToId(), "not yet");
        fx.clock().set(from);
        assertEquals(CYD, rules.evaluate(admin(), GINGER, t, null).reassignToId(), "from its start");
        fx.clock().set(to.minusMillis(1));
        assertEquals(CYD, rules.evaluate(admin(), GINGER, t, null).reassignToId());
        fx.clock().set(to);
        assertEquals(GINGER, rules.evaluate(admin(), GINGER, t, null).reassignToId(), "not at its end");
    }

    // ---- rules acting on work items ----------------------------------------------------------------------------

    @Test
    void aNewItemGoesToTheEndOfItsOwnersChainWithTheOriginalOwnerInItsHistoryAndFeed() {
        WorkItem before = approvalFor(GINGER, FRED);
        rules.create(user(GINGER), away(GINGER, CYD, ReassignmentConfigType.ACCESS_REQUESTS));
        rules.create(user(CYD), away(CYD, ADA, ReassignmentConfigType.ACCESS_REQUESTS));
        WorkItem w = approvalFor(GINGER, FRED);
        assertEquals(ADA, w.ownerId());
        assertEquals("Ada.Admin", w.ownerName());
        assertEquals(GINGER, svc.get(admin(), before.id()).ownerId(), "an item made before the rule stays");
        HistoryEvent e = reassigned(w.id()).get(0);
        assertEquals(GINGER, e.data().get("originalOwnerId"));
        assertEquals(ADA, e.data().get("newOwnerId"));
        assertEquals("ACCESS_REQUESTS", e.data().get("configType"));
        assertEquals(2, ((List<?>) e.data().get("lookupTrail")).size());
        assertEquals(1, e.itemVersion(), "part of the create");
        assertEquals(1, svc.countPending(admin(), ADA).count());
        assertEquals(1, svc.countPending(admin(), GINGER).count(), "only the older item");
        List<FeedEvent> feed = svc.feed(0, 100).stream()
                .filter(f -> f.workItemId().equals(w.id()))
                .toList();
        assertEquals(
                List.of(HistoryAction.CREATED, HistoryAction.REASSIGNED),
                feed.stream().map(FeedEvent::action).toList());
        assertEquals(ADA, feed.get(1).ownerAfter());
        WorkItem generic = fx.generic(GINGER);
        assertEquals(GINGER, generic.ownerId(), "a manual task is not an access request");
    }

    @Test
    void aForwardGoesToTheEndOfTheTargetsChain() {
        rules.create(user(GINGER), away(GINGER, CYD, ReassignmentConfigType.ACCESS_REQUESTS));
        WorkItem w = approvalFor(FRED, null);
        svc.forward(user(FRED), w.id(), ForwardRequest.of(GINGER, "please approve"));
        WorkItem after = svc.get(admin(), w.id());
        assertEquals(CYD, after.ownerId(), "Ginger is away: Cyd has it");
        List<HistoryEvent> h = svc.history(admin(), w.id());
        assertEquals(
                List.of(HistoryAction.CREATED, HistoryAction.FORWARDED, HistoryAction.REASSIGNED),
                h.stream().map(HistoryEvent::action).toList());
        assertEquals(GINGER, h.get(1).data().get("newOwnerId"), "the forward names whom it was sent to");
        assertEquals(GINGER, h.get(2).data().get("originalOwnerId"));
        assertEquals(h.get(1).itemVersion(), h.get(2).itemVersion(), "one change");
        assertEquals(0, svc.countPending(admin(), GINGER).count());
        assertEquals(1, svc.countPending(admin(), CYD).count());
    }

    @Test
    void aChainNeverHandsTheRequesterTheirOwnRequest() {
        rules.create(user(GINGER), away(GINGER, CYD, ReassignmentConfigType.ACCESS_REQUESTS));
        WorkItem own = approvalFor(GINGER, CYD);
        assertEquals(GINGER, own.ownerId(), "Cyd asked: Ginger keeps it");
        assertEquals(List.of(), reassigned(own.id()));
        assertEquals(
                GINGER,
                rules.evaluate(admin(), GINGER, ReassignmentConfigType.ACCESS_REQUESTS, CYD)
                        .reassignToId(),
                "evaluate with the self-review exclusion");
        assertEquals(
                CYD,
                rules.evaluate(admin(), GINGER, ReassignmentConfigType.ACCESS_REQUESTS, null)
                        .reassignToId());
    }

    @Test
    void theTenantSwitchStopsEveryRuleWithoutDeletingAny() {
        ReassignmentRule r = rules.create(user(GINGER), away(GINGER, CYD, ReassignmentConfigType.ACCESS_REQUESTS));
        assertTrue(rules.setTenantSwitch(admin(), true).disabled());
        assertEquals(GINGER, approvalFor(GINGER, FRED).ownerId(), "off: no rule acts");
        ReassignmentEvaluation off = rules.evaluate(admin(), GINGER, ReassignmentConfigType.ACCESS_REQUESTS, null);
        assertEquals(GINGER, off.reassignToId());
        assertEquals(List.of(), off.lookupTrail());
        assertEquals(List.of(r), rules.list(admin()), "and none is deleted");
        assertEquals(ADA, rules.tenantSwitch(user(FRED)).modifiedBy());
        rules.setTenantSwitch(admin(), false);
        assertEquals(CYD, approvalFor(GINGER, FRED).ownerId(), "on again");
    }

    // ---- the bulk move -----------------------------------------------------------------------------------------

    @Test
    void anAdminMovesEveryPendingItemOfOneIdentityEachAsAForwardWithItsHistory() {
        WorkItem a1 = approvalFor(GINGER, FRED);
        fx.tick(1); // the list's order is creation order
        WorkItem a2 = approvalFor(GINGER, FRED);
        fx.tick(1);
        WorkItem task = fx.generic(GINGER);
        WorkItem done = fx.generic(GINGER);
        svc.complete(user(GINGER), done.id());
        WorkItem fredsOwn = approvalFor(FRED, null);
        rules.create(admin(), away(ADA, FRED, ReassignmentConfigType.MANUAL_TASKS)); // Ada is away for manual tasks

        List<ReassignmentMove> approvals = rules.moveAll(admin(), GINGER, CYD, ReassignmentConfigType.ACCESS_REQUESTS);
        assertEquals(
                List.of(a1.id(), a2.id()),
                approvals.stream().map(ReassignmentMove::workItemId).toList());
        assertTrue(approvals.stream().allMatch(m -> m.moved() && m.ownerId().equals(CYD)), approvals.toString());
        assertEquals(GINGER, svc.get(admin(), task.id()).ownerId(), "only access requests were asked for");

        List<ReassignmentMove> rest = rules.moveAll(admin(), GINGER, ADA, null);
        assertEquals(List.of(new ReassignmentMove(task.id(), true, FRED, null)), rest, "Ada's own rule sends it on");
        HistoryEvent forwarded = svc.history(admin(), a1.id()).stream()
                .filter(e -> e.action() == HistoryAction.FORWARDED)
                .findFirst()
                .orElseThrow();
        assertEquals(ADA, forwarded.actorId(), "the admin moved it");
        assertEquals(GINGER, forwarded.data().get("previousOwnerId"));
        assertTrue(forwarded.comment().contains("moved in bulk"), forwarded.comment());
        assertEquals(0, svc.countPending(admin(), GINGER).count());
        assertEquals(1, svc.countCompleted(admin(), GINGER).count(), "completed items stay");
        assertEquals(2, svc.countPending(admin(), CYD).count());
        assertEquals(2, svc.countPending(admin(), FRED).count(), "Fred's own and the manual task");
        assertEquals(FRED, svc.get(admin(), fredsOwn.id()).ownerId());
        assertEquals(List.of(), rules.moveAll(admin(), GINGER, CYD, null), "nothing left to move");
    }

    @Test
    void aMoveThatIsRefusedForOneItemSkipsItWithTheReasonAndMovesTheRest() {
        WorkItemRepository other = newRepository();
        try {
            WorkItem[] frozen = new WorkItem[1];
            Fixture guarded = new Fixture(
                    other,
                    LifecycleOptions.DEFAULTS,
                    17,
                    b -> b.guard(change -> frozen[0] != null
                                    && change.after().id().equals(frozen[0].id())
                                    && change.has(HistoryAction.FORWARDED)
                            ? dev.workitems.spi.WorkItemGuard.Verdict.conflict("under legal hold")
                            : dev.workitems.spi.WorkItemGuard.Verdict.ALLOW));
            WorkItem keep = guarded.approval(GINGER, 1);
            frozen[0] = keep;
            guarded.tick(1);
            WorkItem go = guarded.approval(GINGER, 1);
            List<ReassignmentMove> moves = guarded.service().reassignments().moveAll(admin(), GINGER, CYD, null);
            assertEquals(
                    List.of(
                            new ReassignmentMove(keep.id(), false, null, "under legal hold"),
                            new ReassignmentMove(go.id(), true, CYD, null)),
                    moves);
            assertEquals(GINGER, guarded.service().get(admin(), keep.id()).ownerId());
        } finally {
            release(other);
        }
    }

    @Test
    void aBulkMoveIsForAdminsBetweenTwoKnownIdentities() {
        WorkItem w = approvalFor(GINGER, FRED);
        assertThrows(ForbiddenException.class, () -> rules.moveAll(user(GINGER), GINGER, CYD, null));
        InvalidRequestException unknown =
                assertThrows(InvalidRequestException.class, () -> rules.moveAll(admin(), GINGER, NOBODY, null));
        assertEquals(InvalidRequestException.REFERENCED_OBJECT_NOT_FOUND, unknown.detailCode());
        assertEquals(List.of("toId"), unknown.parameters());
        assertThrows(InvalidRequestException.class, () -> rules.moveAll(admin(), GINGER, GINGER, null));
        assertEquals(w, svc.get(admin(), w.id()), "nothing moved");
    }
}
