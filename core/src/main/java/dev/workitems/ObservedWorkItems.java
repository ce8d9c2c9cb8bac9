package dev.workitems;

import dev.workitems.spi.OperationObserver;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The service with an {@link OperationObserver} around each operation: started before, told the outcome after, on the
 * caller's thread. A failing observer is logged and never fails the operation.
 */
final class ObservedWorkItems implements WorkItems {
    private static final System.Logger LOG = System.getLogger(ObservedWorkItems.class.getName());

    private final WorkItems d;
    private final OperationObserver observer;

    ObservedWorkItems(WorkItems delegate, OperationObserver observer) {
        this.d = delegate;
        this.observer = observer;
    }

    private <T> T run(String operation, Supplier<T> call) {
        Consumer<Throwable> end;
        try {
            end = observer.start(operation);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the operation observer failed at the start of " + operation, e);
            end = null;
        }
        T result;
        try {
            result = call.get();
        } catch (RuntimeException | Error e) {
            ended(end, operation, e);
            throw e;
        }
        ended(end, operation, null);
        return result;
    }

    private static void ended(Consumer<Throwable> end, String operation, Throwable failure) {
        if (end == null) {
            return;
        }
        try {
            end.accept(failure);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the operation observer failed at the end of " + operation, e);
        }
    }

    @Override
    public Page<WorkItem> listPending(Caller caller, ListQuery query) {
        return run("listPending", () -> d.listPending(caller, query));
    }

    @Override
    public Page<WorkItem> listCompleted(Caller caller, ListQuery query) {
        return run("listCompleted", () -> d.listCompleted(caller, query));
    }

    @Override
    public WorkItemCount countPending(Caller caller, String ownerId) {
        return run("countPending", () -> d.countPending(caller, ownerId));
    }

    @Override
    public WorkItemCount countCompleted(Caller caller, String ownerId) {
        return run("countCompleted", () -> d.countCompleted(caller, ownerId));
    }

    @Override
    public WorkItemSummary summary(Caller caller, String ownerId) {
        return run("summary", () -> d.summary(caller, ownerId));
    }

    @Override
    public WorkItem get(Caller caller, String id) {
        return run("get", () -> d.get(caller, id));
    }

    @Override
    public WorkItem complete(Caller caller, String id) {
        return run("complete", () -> d.complete(caller, id));
    }

    @Override
    public WorkItem approve(Caller caller, String id, String approvalItemId) {
        return run("approve", () -> d.approve(caller, id, approvalItemId));
    }

    @Override
    public WorkItem reject(Caller caller, String id, String approvalItemId) {
        return run("reject", () -> d.reject(caller, id, approvalItemId));
    }

    @Override
    public WorkItem bulkApprove(Caller caller, String id) {
        return run("bulkApprove", () -> d.bulkApprove(caller, id));
    }

    @Override
    public WorkItem bulkReject(Caller caller, String id) {
        return run("bulkReject", () -> d.bulkReject(caller, id));
    }

    @Override
    public void forward(Caller caller, String id, ForwardRequest request) {
        run("forward", () -> {
            d.forward(caller, id, request);
            return null;
        });
    }

    @Override
    public WorkItem submitAccountSelection(Caller caller, String id, Map<String, ?> selection) {
        return run("submitAccountSelection", () -> d.submitAccountSelection(caller, id, selection));
    }

    @Override
    public WorkItem create(NewWorkItem request) {
        return run("create", () -> d.create(request));
    }

    @Override
    public WorkItem returnItem(String actorId, String id, String reason) {
        return run("returnItem", () -> d.returnItem(actorId, id, reason));
    }

    @Override
    public WorkItem expire(String actorId, String id, String reason) {
        return run("expire", () -> d.expire(actorId, id, reason));
    }

    @Override
    public WorkItem cancel(String actorId, String id, String reason) {
        return run("cancel", () -> d.cancel(actorId, id, reason));
    }

    @Override
    public WorkItem reschedule(String actorId, String id, Timers timers) {
        return run("reschedule", () -> d.reschedule(actorId, id, timers));
    }

    @Override
    public SweepResult sweep() {
        return run("sweep", () -> d.sweep());
    }

    @Override
    public List<HistoryEvent> history(Caller caller, String id) {
        return run("history", () -> d.history(caller, id));
    }

    @Override
    public List<FeedEvent> feed(long afterPosition, int limit) {
        return run("feed", () -> d.feed(afterPosition, limit));
    }

    @Override
    public Subscriptions subscriptions() {
        return d.subscriptions();
    }

    @Override
    public Reassignments reassignments() {
        return d.reassignments();
    }

    @Override
    public String toString() {
        return d.toString();
    }
}
