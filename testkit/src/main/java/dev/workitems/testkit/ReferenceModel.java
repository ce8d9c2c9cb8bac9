package dev.workitems.testkit;

import dev.workitems.Caller;
import dev.workitems.ConflictException;
import dev.workitems.ForbiddenException;
import dev.workitems.InvalidRequestException;
import dev.workitems.LifecycleOptions;
import dev.workitems.NotFoundException;
import dev.workitems.WorkItemState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A deliberately plain model of the contract: items in a list, every query a scan, every rule written out again from
 * Part A without reusing the library's code. The model-based harness runs each step against it and against the real
 * service and demands the same outcome.
 */
final class ReferenceModel {

    /** What the model knows of one item. */
    static final class Item {
        final String id;
        final long created;
        String owner;
        WorkItemState state = WorkItemState.PENDING;
        final LinkedHashMap<String, WorkItemState> approvals;
        final boolean form;
        Map<String, Object> selection;
        Long modified;
        Long completed;
        long version = 1;
        int events = 1;
        final Plan plan;
        final String requester;
        int remindersSent;
        int stepsDone;

        Item(
                String id,
                String owner,
                long created,
                List<String> approvalIds,
                boolean form,
                Plan plan,
                String requester) {
            this.requester = requester;
            this.id = id;
            this.owner = owner;
            this.created = created;
            this.form = form;
            this.plan = plan;
            this.approvals = new LinkedHashMap<>();
            approvalIds.forEach(a -> approvals.put(a, WorkItemState.PENDING));
        }
    }

    /** An expected outcome: an error class, or success (possibly with nothing changed). */
    record Expect(Class<? extends RuntimeException> error) {
        static final Expect OK = new Expect(null);

        boolean ok() {
            return error == null;
        }
    }

    private static final Expect INVALID = new Expect(InvalidRequestException.class);
    private static final Expect FORBIDDEN = new Expect(ForbiddenException.class);
    private static final Expect NOT_FOUND = new Expect(NotFoundException.class);
    private static final Expect CONFLICT = new Expect(ConflictException.class);

    private final LifecycleOptions options;
    private final List<String> adminRoles = List.of("ORG_ADMIN");
    private final List<String> forwardRoles =
            List.of("REPORT_ADMIN", "ROLE_ADMIN", "ROLE_SUBADMIN", "SOURCE_ADMIN", "SOURCE_SUBADMIN");
    final Map<String, Item> items = new LinkedHashMap<>();
    long now;
    int notifications;
    int timerNotifications;

    // ---- timers, written out again: the harness's plans, as the model knows them ---------------------------

    /** What an escalation step does, in the model's words. */
    enum Kind {
        NOTIFY,
        REASSIGN,
        APPROVE,
        REJECT,
        EXPIRE
    }

    /** @param at ms after creation @param kind what @param target a fixed identity, or null for the owner's manager */
    record PlanStep(long at, Kind kind, String target) {}

    /** @param reminders when each reminder falls due, ms after creation @param steps the steps, in order */
    record Plan(long[] reminders, List<PlanStep> steps) {}

    /** The plans of {@link ModelBasedHarness#TIMER_PLANS}, by index; null for none. */
    static Plan plan(int index) {
        return switch (index) {
            case 1 -> new Plan(new long[] {500, 800, 1100}, List.of());
            case 2 ->
                new Plan(
                        new long[0],
                        List.of(
                                new PlanStep(400, Kind.NOTIFY, Fixture.CYD),
                                new PlanStep(800, Kind.REASSIGN, null),
                                new PlanStep(1500, Kind.EXPIRE, null)));
            case 3 ->
                new Plan(
                        new long[] {800},
                        List.of(new PlanStep(1000, Kind.REJECT, null), new PlanStep(2000, Kind.EXPIRE, null)));
            case 4 ->
                new Plan(
                        new long[] {100, 350, 600, 850, 1100, 1350, 1600, 1850},
                        List.of(
                                new PlanStep(300, Kind.REASSIGN, Fixture.GINGER),
                                new PlanStep(600, Kind.APPROVE, null),
                                new PlanStep(900, Kind.REASSIGN, null)));
            default -> null;
        };
    }

    /** Each person's manager, whom a reassignment without a fixed target goes to; Ada's is unknown to the directory. */
    private static final Map<String, String> MANAGERS =
            Map.of(Fixture.FRED, Fixture.GINGER, Fixture.GINGER, Fixture.CYD, Fixture.ADA, Fixture.NOBODY);

    private static final List<String> KNOWN = List.of(Fixture.FRED, Fixture.GINGER, Fixture.CYD, Fixture.ADA);

    /** What a sweep did: items with something due, reminders stored, steps stored, failures. */
    record Swept(int items, int reminders, int escalations, int failures) {}

    /**
     * Applies everything due at {@link #now}: per Pending item, in time order (a step before a reminder due at the same
     * time), one reminder standing for every reminder due before the next step, each step once.
     */
    Swept sweep() {
        int itemsDue = 0;
        int reminders = 0;
        int escalations = 0;
        for (Item i : items.values()) {
            if (i.plan == null) {
                continue;
            }
            boolean due = false;
            while (i.state == WorkItemState.PENDING) {
                long[] rem = i.plan.reminders();
                Long stepAt = i.stepsDone < i.plan.steps().size()
                        ? i.created + i.plan.steps().get(i.stepsDone).at()
                        : null;
                boolean stepDue = stepAt != null && stepAt <= now;
                Long remAt = i.remindersSent < rem.length ? i.created + rem[i.remindersSent] : null;
                if (remAt != null && remAt <= now && (!stepDue || remAt < stepAt)) {
                    while (i.remindersSent < rem.length
                            && i.created + rem[i.remindersSent] <= now
                            && (!stepDue || i.created + rem[i.remindersSent] < stepAt)) {
                        i.remindersSent++;
                    }
                    change(i, 1);
                    timerNotifications++;
                    reminders++;
                } else if (stepDue) {
                    runStep(i, i.plan.steps().get(i.stepsDone));
                    i.stepsDone++;
                    escalations++;
                } else {
                    break;
                }
                due = true;
            }
            if (due) {
                itemsDue++;
            }
        }
        return new Swept(itemsDue, reminders, escalations, 0);
    }

    private void runStep(Item i, PlanStep step) {
        switch (step.kind()) {
            case NOTIFY -> {
                change(i, 1);
                timerNotifications++;
            }
            case REASSIGN -> {
                String target = step.target() != null ? step.target() : MANAGERS.get(i.owner);
                if (target != null && KNOWN.contains(target) && !target.equals(i.owner)) {
                    i.owner = target;
                    timerNotifications++;
                }
                change(i, 1);
            }
            case APPROVE, REJECT -> {
                List<String> open = new ArrayList<>();
                i.approvals.forEach((k, v) -> {
                    if (v == WorkItemState.PENDING) {
                        open.add(k);
                    }
                });
                WorkItemState decision = step.kind() == Kind.APPROVE ? WorkItemState.FINISHED : WorkItemState.REJECTED;
                open.forEach(k -> i.approvals.put(k, decision));
                change(i, 1 + open.size() + (open.isEmpty() ? 0 : autoComplete(i)));
            }
            case EXPIRE -> {
                i.state = WorkItemState.EXPIRED;
                i.completed = now;
                change(i, 2);
            }
        }
    }

    ReferenceModel(LifecycleOptions options, long start) {
        this.options = options;
        this.now = start;
    }

    Item item(String id) {
        return items.get(id);
    }

    List<String> list(String owner, boolean completed) {
        return items.values().stream()
                .filter(i -> i.owner.equals(owner) && (i.state != WorkItemState.PENDING) == completed)
                .sorted(Comparator.<Item>comparingLong(i -> i.created).thenComparing(i -> i.id))
                .map(i -> i.id)
                .toList();
    }

    private boolean admin(Caller c) {
        return c.roles().stream().anyMatch(adminRoles::contains);
    }

    // ---- expectations, and effects when the outcome is success ----------------------------------------------

    Expect query(Caller c, String owner) {
        String o = owner == null ? c.identityId() : owner;
        return o.equals(c.identityId()) || admin(c) ? Expect.OK : FORBIDDEN;
    }

    Expect read(Caller c, String id) {
        Item i = items.get(id);
        if (i == null) {
            return NOT_FOUND;
        }
        return i.owner.equals(c.identityId()) || admin(c) ? Expect.OK : FORBIDDEN;
    }

    Expect complete(Caller c, String id) {
        Expect e = read(c, id);
        if (!e.ok()) {
            return e;
        }
        Item i = items.get(id);
        if (i.state == WorkItemState.FINISHED) {
            return Expect.OK;
        }
        if (i.state != WorkItemState.PENDING) {
            return CONFLICT;
        }
        finish(i);
        change(i, 1);
        return Expect.OK;
    }

    Expect decide(Caller c, String id, String approvalId, boolean approve) {
        Expect e = read(c, id);
        if (!e.ok()) {
            return e;
        }
        Item i = items.get(id);
        WorkItemState decision = approve ? WorkItemState.FINISHED : WorkItemState.REJECTED;
        if (!i.approvals.containsKey(approvalId)) {
            return NOT_FOUND;
        }
        WorkItemState current = i.approvals.get(approvalId);
        if (current == decision) {
            return Expect.OK;
        }
        if (i.state != WorkItemState.PENDING || current != WorkItemState.PENDING) {
            return CONFLICT;
        }
        i.approvals.put(approvalId, decision);
        change(i, 1 + autoComplete(i));
        return Expect.OK;
    }

    Expect bulk(Caller c, String id, boolean approve) {
        Expect e = read(c, id);
        if (!e.ok()) {
            return e;
        }
        Item i = items.get(id);
        List<String> open = new ArrayList<>();
        i.approvals.forEach((k, v) -> {
            if (v == WorkItemState.PENDING) {
                open.add(k);
            }
        });
        if (open.isEmpty()) {
            return Expect.OK;
        }
        if (i.state != WorkItemState.PENDING) {
            return CONFLICT;
        }
        open.forEach(k -> i.approvals.put(k, approve ? WorkItemState.FINISHED : WorkItemState.REJECTED));
        change(i, open.size() + autoComplete(i));
        return Expect.OK;
    }

    Expect forward(Caller c, String id, String target, boolean targetKnown, boolean blankComment, boolean notify) {
        if (blankComment) {
            return INVALID;
        }
        Item i = items.get(id);
        if (i == null) {
            return NOT_FOUND;
        }
        boolean allowed =
                i.owner.equals(c.identityId()) || admin(c) || c.roles().stream().anyMatch(forwardRoles::contains);
        if (!allowed) {
            return FORBIDDEN;
        }
        if (!targetKnown) {
            return INVALID;
        }
        if (i.state != WorkItemState.PENDING) {
            return CONFLICT;
        }
        if (i.owner.equals(target)) {
            return INVALID;
        }
        String end = chain(target, i.form ? "MANUAL_TASKS" : "ACCESS_REQUESTS", i.requester);
        i.owner = end;
        change(i, end.equals(target) ? 1 : 2); // FORWARDED, then REASSIGNED when the target's rules send it on
        if (notify) {
            notifications++;
        }
        return Expect.OK;
    }

    Expect submit(Caller c, String id, Map<String, Object> selection) {
        if (selection == null) {
            return INVALID;
        }
        Expect e = read(c, id);
        if (!e.ok()) {
            return e;
        }
        Item i = items.get(id);
        if (!i.form) {
            return INVALID;
        }
        if (i.state != WorkItemState.PENDING) {
            return i.state == WorkItemState.FINISHED && selection.equals(i.selection) ? Expect.OK : CONFLICT;
        }
        if (!options.finishOnAccountSelection() && selection.equals(i.selection)) {
            return Expect.OK;
        }
        i.selection = selection;
        int events = 1;
        if (options.finishOnAccountSelection()) {
            finish(i);
            events++;
        }
        change(i, events);
        return Expect.OK;
    }

    Expect host(String id, WorkItemState to) {
        Item i = items.get(id);
        if (i == null) {
            return NOT_FOUND;
        }
        if (i.state == to) {
            return Expect.OK;
        }
        if (i.state != WorkItemState.PENDING) {
            return CONFLICT;
        }
        i.state = to;
        i.completed = now;
        change(i, 1);
        return Expect.OK;
    }

    Expect create(boolean ownerKnown, boolean requesterKnown) {
        return ownerKnown && requesterKnown ? Expect.OK : INVALID;
    }

    void created(String id, String owner, String requester, List<String> approvalIds, boolean form, int timers) {
        if (items.containsKey(id)) {
            throw new AssertionError("the service reused the id " + id);
        }
        String end = chain(owner, form ? "MANUAL_TASKS" : "ACCESS_REQUESTS", requester);
        Item i = new Item(id, end, now, approvalIds, form, plan(timers), requester);
        if (!end.equals(owner)) {
            i.events++; // REASSIGNED, part of the create
        }
        items.put(id, i);
    }

    // ---- Work Reassignment, written out again (R3, R4, R6, R7) --------------------------------------------------

    /** @param target to whom @param start from (ms) @param end until (ms), or null */
    record Rule(String target, long start, Long end) {}

    /** Rules by identity, then config type name. */
    final Map<String, Map<String, Rule>> rules = new java.util.TreeMap<>();

    boolean rulesDisabled;

    /** Where new work of that config type for {@code identity} goes now. */
    String chain(String identity, String configType, String requester) {
        if (rulesDisabled) {
            return identity;
        }
        java.util.Set<String> seen = new java.util.HashSet<>(List.of(identity));
        String current = identity;
        for (int step = 0; step < 5; step++) {
            Rule r = rules.getOrDefault(current, Map.of()).get(configType);
            if (r == null || r.start() > now || r.end() != null && now >= r.end()) {
                break;
            }
            if (seen.contains(r.target()) || r.target().equals(requester) || !KNOWN.contains(r.target())) {
                break;
            }
            seen.add(r.target());
            current = r.target();
        }
        return current;
    }

    Expect setRule(String identity, String target, String configType, long start, Long end) {
        if (!KNOWN.contains(identity) || !KNOWN.contains(target) || identity.equals(target)) {
            return INVALID;
        }
        rules.computeIfAbsent(identity, k -> new java.util.TreeMap<>()).put(configType, new Rule(target, start, end));
        return Expect.OK;
    }

    Expect deleteRule(String identity, String configType) {
        Map<String, Rule> mine = rules.get(identity);
        if (mine == null || mine.remove(configType) == null) {
            return NOT_FOUND;
        }
        if (mine.isEmpty()) {
            rules.remove(identity);
        }
        return Expect.OK;
    }

    private int autoComplete(Item i) {
        if (options.autoCompleteWhenAllDecided() && !i.approvals.containsValue(WorkItemState.PENDING)) {
            finish(i);
            return 1;
        }
        return 0;
    }

    private void finish(Item i) {
        i.state = WorkItemState.FINISHED;
        i.completed = now;
    }

    private void change(Item i, int events) {
        i.version++;
        i.modified = now;
        i.events += events;
    }

    /** @return the model's view of an item, in the shape {@link ModelBasedHarness} compares */
    static Map<String, Object> view(
            String id,
            String owner,
            WorkItemState state,
            Map<String, WorkItemState> approvals,
            Map<String, Object> selection,
            Long modified,
            Long completed,
            long version,
            List<Integer> timerProgress) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", id);
        v.put("owner", owner);
        v.put("state", state);
        v.put("approvals", approvals);
        v.put("selection", selection);
        v.put("modified", modified);
        v.put("completed", completed);
        v.put("version", version);
        v.put("timers (reminders sent, steps done)", timerProgress);
        return v;
    }

    Map<String, Object> view(String id) {
        Item i = Objects.requireNonNull(items.get(id));
        return view(
                i.id,
                i.owner,
                i.state,
                new LinkedHashMap<>(i.approvals),
                i.selection,
                i.modified,
                i.completed,
                i.version,
                i.plan == null ? null : List.of(i.remindersSent, i.stepsDone));
    }
}
