package dev.workitems.testkit;

import static dev.workitems.testkit.Fixture.CYD;
import static dev.workitems.testkit.Fixture.FRED;
import static dev.workitems.testkit.Fixture.GINGER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workitems.AuthorizationPolicy;
import dev.workitems.Caller;
import dev.workitems.ForbiddenException;
import dev.workitems.ForwardRequest;
import dev.workitems.ListQuery;
import dev.workitems.Operation;
import dev.workitems.ReassignmentConfigType;
import dev.workitems.ReassignmentRequest;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemState;
import dev.workitems.WorkItems;
import dev.workitems.spi.WorkItemRepository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The authorization matrix of D5 and R5: every operation (the 13 of the API, reading history, and Work Reassignment's)
 * performed by the owner, by another identity, by an ORG_ADMIN and by each forward role, on items and rules of Fred.
 * Allowed calls must take effect; denied calls must raise {@link ForbiddenException} and change nothing.
 */
public abstract class AuthorizationMatrixContract {

    /** @return a new, empty store */
    protected abstract WorkItemRepository newRepository();

    /** @param repository a store made by {@link #newRepository()}, to close after its test */
    protected void release(WorkItemRepository repository) {}

    /** Who calls. */
    enum Role {
        OWNER,
        OTHER_IDENTITY,
        ORG_ADMIN,
        REPORT_ADMIN,
        ROLE_ADMIN,
        ROLE_SUBADMIN,
        SOURCE_ADMIN,
        SOURCE_SUBADMIN;

        Caller caller() {
            return switch (this) {
                case OWNER -> Caller.of(FRED);
                case OTHER_IDENTITY -> Caller.of(GINGER);
                default -> Caller.of(CYD, name());
            };
        }

        boolean isForwardRole() {
            return AuthorizationPolicy.DEFAULT_FORWARD_ROLES.contains(name());
        }
    }

    /**
     * @param op an operation @param role a caller
     * @return the allow/deny the contract expects (D5; R5 for Work Reassignment, where the owner is the identity whose
     *     rules they are: listing is open to all and answers what each may read, the tenant switch is the admin's)
     */
    static boolean expected(Operation op, Role role) {
        return switch (op) {
            case LIST_REASSIGNMENTS -> true;
            case CHANGE_REASSIGNMENT_SWITCH, MOVE_PENDING_ITEMS -> role == Role.ORG_ADMIN;
            default -> role == Role.OWNER || role == Role.ORG_ADMIN || op == Operation.FORWARD && role.isForwardRole();
        };
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cells = new ArrayList<>();
        for (Operation op : Operation.values()) {
            for (Role role : Role.values()) {
                cells.add(Arguments.of(op, role, expected(op, role)));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} as {1}: allowed={2}")
    @MethodSource("matrix")
    void operationIsAllowedExactlyForTheExpectedCallers(Operation op, Role role, boolean allowed) {
        WorkItemRepository repo = newRepository();
        org.junit.jupiter.api.Assumptions.assumeTrue(
                repo instanceof dev.workitems.spi.ReassignmentStore
                        || !op.name().contains("REASSIGNMENT"),
                "this store keeps no reassignment rules");
        try {
            Fixture fx = new Fixture(repo);
            WorkItem approval = fx.approval(FRED, 2);
            WorkItem form = fx.form(FRED);
            fx.generic(FRED);
            fx.service().complete(Caller.of(FRED), fx.generic(FRED).id());
            if (repo instanceof dev.workitems.spi.ReassignmentStore) {
                fx.service()
                        .reassignments()
                        .create(
                                Fixture.admin(),
                                new ReassignmentRequest(FRED, GINGER, ReassignmentConfigType.MANUAL_TASKS, null, null));
            }
            Map<String, Object> before = snapshot(fx.service());
            Caller caller = role.caller();
            if (allowed) {
                perform(fx.service(), op, caller, approval, form);
            } else {
                ForbiddenException e = assertThrows(
                        ForbiddenException.class,
                        () -> perform(fx.service(), op, caller, approval, form),
                        () -> role + " must be refused " + op + " with a ForbiddenException");
                assertEquals(403, e.status(), "a refusal is a 403");
                assertTrue(e.getMessage().contains(caller.identityId()), e.getMessage());
                assertEquals(before, snapshot(fx.service()), "a denied call changes nothing");
            }
        } finally {
            release(repo);
        }
    }

    /** Performs the operation and checks its effect. */
    private static void perform(WorkItems svc, Operation op, Caller caller, WorkItem approval, WorkItem form) {
        String a0 = approval.approvalItems().get(0).id();
        switch (op) {
            case LIST_PENDING ->
                assertEquals(
                        3,
                        svc.listPending(caller, ListQuery.firstPage().forOwner(FRED))
                                .items()
                                .size(),
                        "the owner's three pending items, listed");
            case LIST_COMPLETED ->
                assertEquals(
                        1,
                        svc.listCompleted(caller, ListQuery.firstPage().forOwner(FRED))
                                .items()
                                .size(),
                        "the owner's one completed item, listed");
            case COUNT_PENDING -> assertEquals(3, svc.countPending(caller, FRED).count(), "the owner's pending count");
            case COUNT_COMPLETED ->
                assertEquals(1, svc.countCompleted(caller, FRED).count(), "the owner's completed count");
            case SUMMARY -> assertEquals(4, svc.summary(caller, FRED).total(), "the owner's summary total");
            case GET ->
                assertEquals(approval.id(), svc.get(caller, approval.id()).id(), "the item read is the one asked for");
            case COMPLETE ->
                assertEquals(
                        WorkItemState.FINISHED,
                        svc.complete(caller, approval.id()).state(),
                        "an allowed complete finishes the item");
            case APPROVE ->
                assertEquals(
                        WorkItemState.FINISHED,
                        svc.approve(caller, approval.id(), a0).approvalItem(a0).state(),
                        "an allowed approve decides the approval item");
            case REJECT ->
                assertEquals(
                        WorkItemState.REJECTED,
                        svc.reject(caller, approval.id(), a0).approvalItem(a0).state(),
                        "an allowed reject decides the approval item");
            case BULK_APPROVE ->
                assertTrue(
                        svc.bulkApprove(caller, approval.id()).approvalItems().stream()
                                .allMatch(a -> a.state() == WorkItemState.FINISHED),
                        "an allowed bulk approve decides every approval item");
            case BULK_REJECT ->
                assertTrue(
                        svc.bulkReject(caller, approval.id()).approvalItems().stream()
                                .allMatch(a -> a.state() == WorkItemState.REJECTED),
                        "an allowed bulk reject decides every approval item");
            case FORWARD -> {
                svc.forward(caller, approval.id(), ForwardRequest.of(GINGER, "handing over"));
                assertEquals(
                        GINGER,
                        svc.get(Fixture.admin(), approval.id()).ownerId(),
                        "an allowed forward moves the item to Ginger");
            }
            case SUBMIT_ACCOUNT_SELECTION ->
                assertEquals(
                        Map.of("account", "fred-astaire-sp"),
                        svc.submitAccountSelection(caller, form.id(), Map.of("account", "fred-astaire-sp"))
                                .accountSelection(),
                        "an allowed account selection is stored");
            case HISTORY ->
                assertEquals(1, svc.history(caller, approval.id()).size(), "the item's history after its creation");
            case LIST_REASSIGNMENTS ->
                assertEquals(
                        caller.identityId().equals(FRED) || caller.roles().contains("ORG_ADMIN") ? 1 : 0,
                        svc.reassignments().list(caller).size(),
                        "each caller lists the rules they may read: Fred's own, or all for an admin");
            case GET_REASSIGNMENTS ->
                assertEquals(
                        GINGER, svc.reassignments().get(caller, FRED).get(0).targetId(), "Fred's rule");
            case CHANGE_REASSIGNMENTS ->
                assertEquals(
                        CYD,
                        svc.reassignments()
                                .put(
                                        caller,
                                        FRED,
                                        new ReassignmentRequest(
                                                FRED, CYD, ReassignmentConfigType.MANUAL_TASKS, null, null))
                                .targetId(),
                        "an allowed replace stores the new target");
            case EVALUATE_REASSIGNMENTS ->
                assertEquals(
                        GINGER,
                        svc.reassignments()
                                .evaluate(caller, FRED, ReassignmentConfigType.MANUAL_TASKS, null)
                                .reassignToId(),
                        "Fred's manual tasks go to Ginger");
            case CHANGE_REASSIGNMENT_SWITCH ->
                assertTrue(svc.reassignments().setTenantSwitch(caller, true).disabled(), "the switch is off");
            case MOVE_PENDING_ITEMS -> {
                assertEquals(
                        3,
                        svc.reassignments().moveAll(caller, FRED, CYD, null).stream()
                                .filter(m -> m.moved())
                                .count(),
                        "Fred's three pending items moved");
                assertEquals(0, svc.countPending(Fixture.admin(), FRED).count());
            }
        }
    }

    private static Map<String, Object> snapshot(WorkItems svc) {
        Caller admin = Fixture.admin();
        Map<String, Object> s = new LinkedHashMap<>();
        try {
            s.put("rules", svc.reassignments().list(admin));
            s.put("switch", svc.reassignments().tenantSwitch(admin));
        } catch (IllegalStateException noRules) {
            s.put("rules", "this store keeps none");
        }
        for (String owner : Fixture.IDENTITIES) {
            for (WorkItem w : svc.listPending(admin, ListQuery.firstPage().forOwner(owner))
                    .items()) {
                s.put(w.id(), List.of(w, svc.history(admin, w.id())));
            }
            for (WorkItem w : svc.listCompleted(admin, ListQuery.firstPage().forOwner(owner))
                    .items()) {
                s.put(w.id(), List.of(w, svc.history(admin, w.id())));
            }
        }
        return s;
    }
}
