package dev.workitems.testkit;

/**
 * One step of a model-based test sequence. Steps refer to callers, people and items by index, so that a sequence
 * stays meaningful when the shrinker removes steps from it: an item index past the items created so far names an
 * id that does not exist.
 */
public sealed interface Step {
    // A caller index of -1 on an item step means the item's owner at the time the step runs.

    /** @param owner index into the people @param requester index into the people, or -1 for none
     *  @param approvals approval items to create @param form whether to carry an account-selection form */
    record Create(int owner, int requester, int approvals, boolean form) implements Step { }

    /** @param millis how far the clock moves (0 makes items share a creation time) */
    record Tick(int millis) implements Step { }

    /** @param caller index into the callers @param owner index into the people, or -1 for the caller's own
     *  @param completed which list @param limit page size (may be invalid) @param offset offset (may be invalid)
     *  @param count whether to ask for the total */
    record ListPage(int caller, int owner, boolean completed, int limit, int offset, boolean count) implements Step { }

    /** @param caller index into the callers @param owner index into the people, or -1 for own
     *  @param what 0 = count pending, 1 = count completed, 2 = summary */
    record Count(int caller, int owner, int what) implements Step { }

    /** @param caller index into the callers @param item index into the created items */
    record Get(int caller, int item) implements Step { }

    /** @param caller index into the callers @param item index into the created items */
    record History(int caller, int item) implements Step { }

    /** @param caller index into the callers @param item index into the created items */
    record Complete(int caller, int item) implements Step { }

    /** @param caller index into the callers @param item index into the created items
     *  @param approval index of the approval item (past the end: unknown) @param approve approve or reject */
    record Decide(int caller, int item, int approval, boolean approve) implements Step { }

    /** @param caller index into the callers @param item index into the created items @param approve approve or reject */
    record Bulk(int caller, int item, boolean approve) implements Step { }

    /** @param caller index into the callers @param item index into the created items @param target index into the people
     *  @param blankComment send a blank comment @param sendNotifications ask for a notification */
    record Forward(int caller, int item, int target, boolean blankComment, boolean sendNotifications) implements Step { }

    /** @param caller index into the callers @param item index into the created items
     *  @param selection which selection to send, or -1 for none (null) */
    record Submit(int caller, int item, int selection) implements Step { }

    /** @param item index into the created items @param kind 0 = return, 1 = expire, 2 = cancel */
    record Host(int item, int kind) implements Step { }
}
