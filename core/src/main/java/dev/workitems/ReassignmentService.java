package dev.workitems;

import dev.workitems.spi.Identity;
import dev.workitems.spi.IdentityDirectory;
import dev.workitems.spi.ReassignmentStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** The {@link Reassignments} implementation, and the chain the work-item service follows on create and forward. */
final class ReassignmentService implements Reassignments {
    /** The most steps a chain takes (R3). */
    static final int MAX_STEPS = 5;

    private final ReassignmentStore store;
    private final dev.workitems.spi.WorkItemRepository pages;
    private final IdentityDirectory identities;
    private final Clock clock;
    private final AuthorizationPolicy policy;
    private final Function<WorkItemType, ReassignmentConfigType> types;
    private final Mover mover;

    /** Moves one item by a forward-like change; the work-item service's write loop. */
    @FunctionalInterface
    interface Mover {
        /** @return the move's result */
        ReassignmentMove move(Caller caller, String itemId, String fromId, Identity to);
    }

    ReassignmentService(
            ReassignmentStore store,
            IdentityDirectory identities,
            Clock clock,
            AuthorizationPolicy policy,
            Function<WorkItemType, ReassignmentConfigType> types,
            Mover mover,
            dev.workitems.spi.WorkItemRepository pages) {
        this.mover = mover;
        this.pages = pages;
        this.store = store;
        this.identities = identities;
        this.clock = clock;
        this.policy = policy;
        this.types = types;
    }

    // ---- the chain (R3, R4, R7) --------------------------------------------------------------------------------

    /**
     * @param identityId where the chain starts
     * @param configType which work
     * @param requesterId the identity the chain must not end on, or null
     * @param now the time rules are active at
     * @return the end and the steps
     */
    ReassignmentEvaluation chain(
            String identityId, ReassignmentConfigType configType, String requesterId, Instant now) {
        List<ReassignmentEvaluation.Step> trail = new ArrayList<>();
        if (store.tenantSwitch().disabled()) {
            return new ReassignmentEvaluation(identityId, trail);
        }
        Set<String> seen = new HashSet<>();
        seen.add(identityId);
        String current = identityId;
        for (int i = 0; i < MAX_STEPS; i++) {
            ReassignmentRule rule = active(current, configType, now);
            if (rule == null
                    || seen.contains(rule.targetId())
                    || rule.targetId().equals(requesterId)
                    || identities.find(rule.targetId()).isEmpty()) {
                break; // no rule, a loop, the requester's own request, or a target no longer known: stop here
            }
            trail.add(new ReassignmentEvaluation.Step(
                    current, rule.targetId(), ReassignmentEvaluation.Kind.AUTOMATIC_REASSIGNMENT));
            seen.add(rule.targetId());
            current = rule.targetId();
        }
        return new ReassignmentEvaluation(current, trail);
    }

    /**
     * @param type a work item's type
     * @return the config type that covers it
     */
    ReassignmentConfigType configTypeOf(WorkItemType type) {
        return types.apply(type);
    }

    private ReassignmentRule active(String identityId, ReassignmentConfigType configType, Instant now) {
        for (ReassignmentRule r : WorkItemService.storage(() -> store.rules(identityId))) {
            if (r.configType() == configType && r.activeAt(now)) {
                return r;
            }
        }
        return null;
    }

    // ---- the 9 operations --------------------------------------------------------------------------------------

    private void authorize(Caller caller, String identityId, Operation op) {
        Checks.notNull(caller, "caller");
        if (!policy.mayManageReassignments(caller, identityId, op)) {
            throw new ForbiddenException(
                    caller.identityId() + " may not " + op.verb() + (identityId == null ? "" : " " + identityId));
        }
    }

    @Override
    public List<ReassignmentRule> list(Caller caller) {
        Checks.notNull(caller, "caller");
        boolean all = policy.mayManageReassignments(caller, null, Operation.LIST_REASSIGNMENTS);
        return WorkItemService.storage(() -> store.rules(all ? null : caller.identityId()));
    }

    @Override
    public List<ReassignmentRule> get(Caller caller, String identityId) {
        Checks.notBlank(identityId, "identityId");
        authorize(caller, identityId, Operation.GET_REASSIGNMENTS);
        if (identities.find(identityId).isEmpty()) {
            throw new NotFoundException("identity " + identityId + " not found");
        }
        return WorkItemService.storage(() -> store.rules(identityId));
    }

    @Override
    public ReassignmentRule create(Caller caller, ReassignmentRequest request) {
        Checks.notNull(request, "request");
        Checks.notBlank(request.reassignedFromId(), "reassignedFromId");
        authorize(caller, request.reassignedFromId(), Operation.CHANGE_REASSIGNMENTS);
        ReassignmentRule rule = valid(request, caller, null);
        boolean written = WorkItemService.storage(() -> store.writeRule(new ReassignmentStore.RuleWrite(
                rule.identityId(), rule.configType(), null, rule, caller.identityId(), rule.created())));
        if (!written) {
            throw new InvalidRequestException(
                    rule.identityId() + " already has a " + rule.configType()
                            + " reassignment: replace it with PUT /reassignment-configurations/" + rule.identityId(),
                    "configType");
        }
        return rule;
    }

    @Override
    public ReassignmentRule put(Caller caller, String identityId, ReassignmentRequest request) {
        Checks.notBlank(identityId, "identityId");
        Checks.notNull(request, "request");
        authorize(caller, identityId, Operation.CHANGE_REASSIGNMENTS);
        if (!identityId.equals(request.reassignedFromId())) {
            throw new InvalidRequestException(
                    "reassignedFromId must be the identity of the path, " + identityId + ", not "
                            + request.reassignedFromId(),
                    "reassignedFromId");
        }
        for (int attempt = 0; ; attempt++) {
            ReassignmentRule old = current(identityId, request.configType());
            ReassignmentRule rule = valid(request, caller, old);
            if (WorkItemService.storage(() -> store.writeRule(new ReassignmentStore.RuleWrite(
                    identityId, rule.configType(), old, rule, caller.identityId(), clock.instant())))) {
                return rule;
            }
            if (attempt >= 16) {
                throw ConflictException.lostRace(identityId, "replace a reassignment of", attempt);
            }
        }
    }

    @Override
    public void delete(Caller caller, String identityId, ReassignmentConfigType configType) {
        Checks.notBlank(identityId, "identityId");
        Checks.notNull(configType, "configType");
        authorize(caller, identityId, Operation.CHANGE_REASSIGNMENTS);
        while (true) {
            ReassignmentRule old = current(identityId, configType);
            if (old == null) {
                throw new NotFoundException(identityId + " has no " + configType + " reassignment");
            }
            if (WorkItemService.storage(() -> store.writeRule(new ReassignmentStore.RuleWrite(
                    identityId, configType, old, null, caller.identityId(), clock.instant())))) {
                return;
            }
        }
    }

    @Override
    public ReassignmentEvaluation evaluate(
            Caller caller, String identityId, ReassignmentConfigType configType, String requesterId) {
        Checks.notBlank(identityId, "identityId");
        Checks.notNull(configType, "configType");
        authorize(caller, identityId, Operation.EVALUATE_REASSIGNMENTS);
        if (identities.find(identityId).isEmpty()) {
            throw new NotFoundException("identity " + identityId + " not found");
        }
        return chain(identityId, configType, requesterId, clock.instant());
    }

    @Override
    public List<ReassignmentStore.RuleChange> changes(Caller caller, String identityId) {
        Checks.notBlank(identityId, "identityId");
        authorize(caller, identityId, Operation.GET_REASSIGNMENTS);
        return WorkItemService.storage(() -> store.ruleChanges(identityId));
    }

    @Override
    public List<ReassignmentConfigType> types(Caller caller) {
        Checks.notNull(caller, "caller");
        return List.of(ReassignmentConfigType.values());
    }

    @Override
    public TenantReassignmentSwitch tenantSwitch(Caller caller) {
        Checks.notNull(caller, "caller");
        return WorkItemService.storage(store::tenantSwitch);
    }

    @Override
    public TenantReassignmentSwitch setTenantSwitch(Caller caller, boolean disabled) {
        authorize(caller, null, Operation.CHANGE_REASSIGNMENT_SWITCH);
        TenantReassignmentSwitch next = new TenantReassignmentSwitch(disabled, clock.instant(), caller.identityId());
        WorkItemService.storage(() -> {
            store.writeTenantSwitch(next);
            return null;
        });
        return next;
    }

    @Override
    public List<ReassignmentMove> moveAll(
            Caller caller, String fromId, String toId, ReassignmentConfigType configType) {
        Checks.notBlank(fromId, "fromId");
        Checks.notBlank(toId, "toId");
        authorize(caller, null, Operation.MOVE_PENDING_ITEMS);
        List<String> causes = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        for (String[] who : new String[][] {{fromId, "fromId"}, {toId, "toId"}}) {
            if (identities.find(who[0]).isEmpty()) {
                causes.add("Referenced identity \"" + who[0] + "\" was not found.");
                fields.add(who[1]);
            }
        }
        Checks.refuseIfAny(causes, fields, true);
        if (fromId.equals(toId)) {
            throw new InvalidRequestException("toId must differ from fromId", "toId");
        }
        Identity to = identities.find(toId).orElseThrow();
        List<ReassignmentMove> out = new ArrayList<>();
        for (WorkItem w : pendingOf(fromId)) {
            if (configType == null || configTypeOf(w.type()) == configType) {
                out.add(mover.move(caller, w.id(), fromId, to));
            }
        }
        return out;
    }

    /** The identity's pending items at this moment, in list order, read page by page after the last one read. */
    private List<WorkItem> pendingOf(String ownerId) {
        List<WorkItem> all = new ArrayList<>();
        ListPosition after = null;
        while (true) {
            ListPosition from = after;
            List<WorkItem> page = WorkItemService.storage(() -> pages.findPage(
                    new dev.workitems.spi.PageQuery(ownerId, dev.workitems.spi.ListKind.PENDING, 0, 250, from)));
            all.addAll(page);
            if (page.size() < 250) {
                return all;
            }
            after = ListPosition.after(page.get(page.size() - 1));
        }
    }

    private ReassignmentRule current(String identityId, ReassignmentConfigType configType) {
        for (ReassignmentRule r : WorkItemService.storage(() -> store.rules(identityId))) {
            if (r.configType() == configType) {
                return r;
            }
        }
        return null;
    }

    /** The rule a valid request makes (R6), keeping who created the rule it replaces. */
    private ReassignmentRule valid(ReassignmentRequest request, Caller caller, ReassignmentRule replaces) {
        List<String> causes = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        boolean onlyUnknown = true;
        if (request.configType() == null) {
            causes.add("configType is required: ACCESS_REQUESTS, CERTIFICATIONS or MANUAL_TASKS");
            fields.add("configType");
            onlyUnknown = false;
        }
        if (request.reassignedToId() == null || request.reassignedToId().isBlank()) {
            causes.add("reassignedToId is required");
            fields.add("reassignedToId");
            onlyUnknown = false;
        } else if (request.reassignedToId().equals(request.reassignedFromId())) {
            causes.add("reassignedToId must differ from reassignedFromId: an identity cannot reassign work to itself");
            fields.add("reassignedToId");
            onlyUnknown = false;
        }
        if (request.startDate() != null
                && request.endDate() != null
                && !request.startDate().isBefore(request.endDate())) {
            causes.add("startDate must be before endDate");
            fields.add("endDate");
            onlyUnknown = false;
        }
        for (String[] who : new String[][] {
            {request.reassignedFromId(), "reassignedFromId"}, {request.reassignedToId(), "reassignedToId"}
        }) {
            if (who[0] != null && !who[0].isBlank() && identities.find(who[0]).isEmpty()) {
                causes.add("Referenced identity \"" + who[0] + "\" was not found.");
                fields.add(who[1]);
            }
        }
        Checks.refuseIfAny(causes, fields, onlyUnknown);
        Instant now = clock.instant();
        return new ReassignmentRule(
                request.reassignedFromId(),
                request.configType(),
                request.reassignedToId(),
                request.startDate() != null ? request.startDate() : now,
                request.endDate(),
                replaces == null ? now : replaces.created(),
                replaces == null ? caller.identityId() : replaces.createdBy(),
                replaces == null ? null : now,
                replaces == null ? null : caller.identityId());
    }
}
