package dev.workitems;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The work-item state machine: one pure function from (item, action, now) to the next item and its history
 * events, or a {@link ConflictException} naming the state and the action. No I/O, no clock, no storage.
 *
 * <pre>
 *   Pending --complete / last decision (D6) / account selection (D10)--&gt; Finished
 *   Pending --return--&gt; Returned     Pending --expire--&gt; Expired     Pending --cancel--&gt; Canceled
 *   Pending --approve / reject / bulk / forward--&gt; Pending (approval items or owner change)
 *   any completed state: the same action repeated is a no-op (D8); anything else is a conflict
 * </pre>
 */
public final class Transitions {
    private Transitions() {
    }

    /**
     * @param item    the item as stored
     * @param action  what is asked, and by whom
     * @param now     the time to record
     * @param options the configurable choices (D6, D10)
     * @return the next item (version + 1, {@code modified = now}) and its events; the item itself and no events
     *         when the action changes nothing
     * @throws ConflictException       if the item's state does not allow the action
     * @throws NotFoundException       if an approval item id is unknown to the item
     * @throws InvalidRequestException if a forward targets the current owner, or the item has no form to submit
     */
    public static Transition apply(WorkItem item, Action action, Instant now, LifecycleOptions options) {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(options, "options");
        String actor = action.actorId();
        return switch (action.kind()) {
            case COMPLETE -> complete(item, actor, now);
            case APPROVE -> decide(item, actor, ((Action.Approve) action).approvalItemId(), WorkItemState.FINISHED, "approve", now, options);
            case REJECT -> decide(item, actor, ((Action.Reject) action).approvalItemId(), WorkItemState.REJECTED, "reject", now, options);
            case BULK_APPROVE -> decideAll(item, actor, WorkItemState.FINISHED, "bulk approve", now, options);
            case BULK_REJECT -> decideAll(item, actor, WorkItemState.REJECTED, "bulk reject", now, options);
            case FORWARD -> forward(item, (Action.Forward) action, now);
            case SUBMIT_ACCOUNT_SELECTION -> submit(item, (Action.SubmitAccountSelection) action, now, options);
            case RETURN -> close(item, actor, ((Action.Return) action).reason(), WorkItemState.RETURNED, HistoryAction.RETURNED, "return", now);
            case EXPIRE -> close(item, actor, ((Action.Expire) action).reason(), WorkItemState.EXPIRED, HistoryAction.EXPIRED, "expire", now);
            case CANCEL -> close(item, actor, ((Action.Cancel) action).reason(), WorkItemState.CANCELED, HistoryAction.CANCELED, "cancel", now);
        };
    }

    private static Transition complete(WorkItem item, String actor, Instant now) {
        return switch (item.state()) {
            case PENDING -> {
                Changes ch = new Changes(item, now);
                ch.finish(actor, null, Map.of());
                yield ch.done();
            }
            case FINISHED -> unchanged(item);
            case REJECTED, RETURNED, EXPIRED, CANCELED -> throw ConflictException.state(item.id(), item.state(), "complete", null);
        };
    }

    private static Transition decide(WorkItem item, String actor, String approvalItemId, WorkItemState decision,
                                     String operation, Instant now, LifecycleOptions options) {
        ApprovalItem target = item.approvalItem(approvalItemId);
        if (target == null) {
            throw new NotFoundException("approval item " + approvalItemId + " not found in work item " + item.id());
        }
        if (target.state() == decision) {
            return unchanged(item);
        }
        if (item.state() != WorkItemState.PENDING) {
            throw ConflictException.state(item.id(), item.state(), operation, "approval item " + approvalItemId);
        }
        if (!target.isUndecided()) {
            throw ConflictException.state(item.id(), item.state(), operation,
                    "approval item " + approvalItemId + " is already " + target.state().wireName());
        }
        Changes ch = new Changes(item, now);
        ch.decide(actor, List.of(approvalItemId), decision, false);
        ch.autoComplete(actor, options);
        return ch.done();
    }

    private static Transition decideAll(WorkItem item, String actor, WorkItemState decision, String operation,
                                        Instant now, LifecycleOptions options) {
        List<String> undecided = new ArrayList<>();
        if (item.approvalItems() != null) {
            for (ApprovalItem a : item.approvalItems()) {
                if (a.isUndecided()) {
                    undecided.add(a.id());
                }
            }
        }
        if (undecided.isEmpty()) {
            return unchanged(item);
        }
        if (item.state() != WorkItemState.PENDING) {
            throw ConflictException.state(item.id(), item.state(), operation, null);
        }
        Changes ch = new Changes(item, now);
        ch.decide(actor, undecided, decision, true);
        ch.autoComplete(actor, options);
        return ch.done();
    }

    private static Transition forward(WorkItem item, Action.Forward f, Instant now) {
        if (item.state() != WorkItemState.PENDING) {
            throw ConflictException.state(item.id(), item.state(), "forward", null);
        }
        if (item.ownerId().equals(f.targetOwnerId())) {
            throw new InvalidRequestException("work item " + item.id() + " is already owned by " + f.targetOwnerId()
                    + ": forward to another identity", "targetOwnerId");
        }
        Changes ch = new Changes(item, now);
        ch.builder.ownerId(f.targetOwnerId()).ownerName(f.targetOwnerName());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("previousOwnerId", item.ownerId());
        data.put("previousOwnerName", item.ownerName());
        data.put("newOwnerId", f.targetOwnerId());
        data.put("newOwnerName", f.targetOwnerName());
        data.put("sendNotifications", f.sendNotifications());
        ch.event(f.actorId(), HistoryAction.FORWARDED, f.comment(), data);
        return ch.done();
    }

    private static Transition submit(WorkItem item, Action.SubmitAccountSelection s, Instant now, LifecycleOptions options) {
        if (item.form() == null) {
            throw new InvalidRequestException("work item " + item.id() + " has no form: nothing to submit an account selection for", "id");
        }
        if (item.state() != WorkItemState.PENDING) {
            if (item.state() == WorkItemState.FINISHED && s.selection().equals(item.accountSelection())) {
                return unchanged(item);
            }
            throw ConflictException.state(item.id(), item.state(), "submit an account selection", null);
        }
        if (!options.finishOnAccountSelection() && s.selection().equals(item.accountSelection())) {
            return unchanged(item);
        }
        Changes ch = new Changes(item, now);
        ch.builder.accountSelection(s.selection());
        ch.event(s.actorId(), HistoryAction.ACCOUNT_SELECTION_SUBMITTED, null, Map.of("selection", s.selection()));
        if (options.finishOnAccountSelection()) {
            ch.finish(s.actorId(), null, Map.of("reason", "accountSelection"));
        }
        return ch.done();
    }

    private static Transition close(WorkItem item, String actor, String reason, WorkItemState to, HistoryAction what,
                                    String operation, Instant now) {
        if (item.state() == to) {
            return unchanged(item);
        }
        if (item.state() != WorkItemState.PENDING) {
            throw ConflictException.state(item.id(), item.state(), operation, null);
        }
        Changes ch = new Changes(item, now);
        ch.builder.state(to).completed(now);
        ch.event(actor, what, reason, Map.of());
        return ch.done();
    }

    private static Transition unchanged(WorkItem item) {
        return new Transition(item, List.of());
    }

    /** Accumulates one change: the next item and the events it appends. */
    private static final class Changes {
        private final WorkItem item;
        private final Instant now;
        private final long version;
        private final WorkItem.Builder builder;
        private final List<HistoryEvent> events = new ArrayList<>();
        private List<ApprovalItem> approvals;

        Changes(WorkItem item, Instant now) {
            this.item = item;
            this.now = now;
            this.version = item.version() + 1;
            this.builder = item.toBuilder().version(version).modified(now);
            this.approvals = item.approvalItems();
        }

        void event(String actor, HistoryAction action, String comment, Map<String, Object> data) {
            events.add(new HistoryEvent(item.id(), version, now, actor, action, comment, data));
        }

        void finish(String actor, String comment, Map<String, Object> data) {
            builder.state(WorkItemState.FINISHED).completed(now);
            event(actor, HistoryAction.COMPLETED, comment, data);
        }

        void decide(String actor, List<String> ids, WorkItemState decision, boolean bulk) {
            List<ApprovalItem> next = new ArrayList<>(approvals.size());
            for (ApprovalItem a : approvals) {
                next.add(ids.contains(a.id()) ? a.withState(decision) : a);
            }
            approvals = next;
            builder.approvalItems(next);
            HistoryAction what = decision == WorkItemState.FINISHED ? HistoryAction.APPROVED : HistoryAction.REJECTED;
            for (String id : ids) {
                event(actor, what, null, Map.of("approvalItemId", id, "bulk", bulk));
            }
        }

        void autoComplete(String actor, LifecycleOptions options) {
            if (options.autoCompleteWhenAllDecided() && approvals.stream().noneMatch(ApprovalItem::isUndecided)) {
                finish(actor, null, Map.of("reason", "allApprovalItemsDecided"));
            }
        }

        Transition done() {
            return new Transition(builder.build(), events);
        }
    }
}
