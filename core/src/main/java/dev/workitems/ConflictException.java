package dev.workitems;

import java.util.List;
import java.util.Objects;

/**
 * The operation does not fit the item's state (D8), or concurrent writers kept winning the race for the item until the
 * service gave up retrying. The contract answers HTTP 400 with detail code {@code 400.1.409 Work item state conflict}.
 */
public final class ConflictException extends WorkItemsException {
    private static final long serialVersionUID = 1L;

    /** The contract's detail code for a state conflict. */
    public static final String DETAIL_CODE = "400.1.409 Work item state conflict";

    private final String workItemId;
    private final WorkItemState state;
    private final String operation;
    private final boolean lostRace;

    private ConflictException(
            String message, String workItemId, WorkItemState state, String operation, boolean lostRace) {
        super(400, DETAIL_CODE, message, List.of(message), null);
        this.workItemId = Objects.requireNonNull(workItemId);
        this.state = state;
        this.operation = Objects.requireNonNull(operation);
        this.lostRace = lostRace;
    }

    /**
     * The item's state does not allow the operation.
     *
     * @param workItemId the item
     * @param state its state
     * @param operation what was asked, e.g. {@code approve}
     * @param detail an optional precision (for example which approval item); may be null
     * @return the exception
     */
    public static ConflictException state(String workItemId, WorkItemState state, String operation, String detail) {
        String message = "work item " + workItemId + " is " + state.wireName() + ": cannot " + operation
                + (detail == null ? "" : " (" + detail + ")");
        return new ConflictException(message, workItemId, state, operation, false);
    }

    /**
     * A host's guard refused the change ({@link dev.workitems.spi.WorkItemGuard}).
     *
     * @param workItemId the item
     * @param state its state
     * @param operation what was asked
     * @param reason the guard's reason, the message the caller sees
     * @return the exception
     */
    public static ConflictException refused(String workItemId, WorkItemState state, String operation, String reason) {
        return new ConflictException(reason, workItemId, state, operation, false);
    }

    /**
     * Other writers changed the item on every attempt; nothing was written by this call.
     *
     * @param workItemId the item
     * @param operation what was asked
     * @param attempts how many attempts were made
     * @return the exception
     */
    public static ConflictException lostRace(String workItemId, String operation, int attempts) {
        return new ConflictException(
                "work item " + workItemId + " was changed concurrently " + attempts + " times in a row: " + operation
                        + " not applied, try again",
                workItemId,
                null,
                operation,
                true);
    }

    /** @return the id of the work item in conflict */
    public String workItemId() {
        return workItemId;
    }

    /** @return the state that forbade the operation; null for a lost race */
    public WorkItemState state() {
        return state;
    }

    /** @return the operation that was refused */
    public String operation() {
        return operation;
    }

    /** @return true when retries ran out against concurrent writers, rather than a state conflict */
    public boolean isLostRace() {
        return lostRace;
    }
}
