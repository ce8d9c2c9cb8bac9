package dev.workitems;

import java.util.ArrayList;
import java.util.List;

/**
 * The body of a forward ({@code WorkItemForward}, D11).
 *
 * @param targetOwnerId the identity to forward to
 * @param comment the comment for the new owner, required
 * @param sendNotifications whether to notify the new owner (defaults to true)
 */
public record ForwardRequest(String targetOwnerId, String comment, boolean sendNotifications) {

    /** @throws InvalidRequestException if the target or the comment is missing or blank */
    public ForwardRequest {
        List<String> causes = new ArrayList<>();
        List<String> params = new ArrayList<>();
        if (targetOwnerId == null || targetOwnerId.isBlank()) {
            causes.add("targetOwnerId is required and must not be blank");
            params.add("targetOwnerId");
        }
        if (comment == null || comment.isBlank()) {
            causes.add("comment is required and must not be blank");
            params.add("comment");
        }
        if (!causes.isEmpty()) {
            throw new InvalidRequestException(InvalidRequestException.BAD_REQUEST_CONTENT, causes, params);
        }
        Checks.text(targetOwnerId, "targetOwnerId");
        Checks.text(comment, "comment");
    }

    /**
     * @param targetOwnerId the identity to forward to
     * @param comment the comment
     * @return a request that notifies the new owner
     */
    public static ForwardRequest of(String targetOwnerId, String comment) {
        return new ForwardRequest(targetOwnerId, comment, true);
    }
}
