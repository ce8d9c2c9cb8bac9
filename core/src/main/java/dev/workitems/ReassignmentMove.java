package dev.workitems;

/**
 * What a bulk move did to one item ({@link Reassignments#moveAll}).
 *
 * @param workItemId the item
 * @param moved true if it was moved (a forward-like change with its history); false if skipped
 * @param ownerId when moved, its new owner (the target, or the end of the target's chain); null when skipped
 * @param reason why it was skipped (it left the list, another writer won every try...); null when moved
 */
public record ReassignmentMove(String workItemId, boolean moved, String ownerId, String reason) {}
