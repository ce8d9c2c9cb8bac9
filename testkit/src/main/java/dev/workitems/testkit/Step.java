package dev.workitems.testkit;

import java.util.List;

/**
 * One step of a model-based test sequence. Steps refer to callers, people and items by index, so that a sequence stays
 * meaningful when the shrinker removes steps from it: an item index past the items created so far names an id that does
 * not exist. {@link #describe()} says the step in words, for failure reports.
 */
sealed interface Step {
    // A caller index of -1 on an item step means the item's owner at the time the step runs.

    /** The people by index, as {@link ModelBasedHarness#PEOPLE} holds them. */
    List<String> PEOPLE = List.of("fred", "ginger", "cyd", "ada", "nobody (an identity the directory does not know)");
    /** The callers by index, as {@link ModelBasedHarness#CALLERS} holds them. */
    List<String> CALLERS = List.of(
            "fred",
            "ginger",
            "cyd",
            "ada (ORG_ADMIN)",
            "cyd (ROLE_ADMIN)",
            "nobody (an identity the directory does not know)");

    /** @return the step in words, e.g. "caller ginger approves approval item 2 of item 0" */
    String describe();

    private static String who(int index) {
        return index < 0 ? "caller <the item's owner>" : "caller " + CALLERS.get(index);
    }

    private static String whose(int owner) {
        return owner < 0 ? "their own" : PEOPLE.get(owner) + "'s";
    }

    /**
     * @param owner index into the people @param requester index into the people, or -1 for none
     * @param approvals approval items to create @param form whether to carry an account-selection form
     * @param timers which of the harness's timer plans it carries ({@link ModelBasedHarness#TIMER_PLANS}), 0 for none
     */
    record Create(int owner, int requester, int approvals, boolean form, int timers) implements Step {
        @Override
        public String describe() {
            return "the host creates an item for " + PEOPLE.get(owner)
                    + (requester < 0 ? " with no requester" : " requested by " + PEOPLE.get(requester)) + " with "
                    + approvals + " approval item" + (approvals == 1 ? "" : "s") + (form ? " and a form" : "")
                    + (timers == 0
                            ? ""
                            : ", with timer plan " + timers + " (" + ModelBasedHarness.TIMER_PLANS.get(timers) + ")");
        }
    }

    /**
     * An admin sets (creates or replaces) a reassignment rule.
     *
     * @param identity index into the people @param target index into the people
     * @param accessRequests ACCESS_REQUESTS, or MANUAL_TASKS @param startIn ms from now until it starts
     * @param lasts ms it lasts from its start, or -1 for no end
     */
    record SetRule(int identity, int target, boolean accessRequests, int startIn, int lasts) implements Step {
        @Override
        public String describe() {
            return "an admin sends " + PEOPLE.get(identity) + "'s "
                    + (accessRequests ? "access requests" : "manual tasks")
                    + " to " + PEOPLE.get(target) + " from " + startIn + " ms on"
                    + (lasts < 0 ? ", for good" : " for " + lasts + " ms");
        }
    }

    /** @param identity index into the people @param accessRequests which config type */
    record DeleteRule(int identity, boolean accessRequests) implements Step {
        @Override
        public String describe() {
            return "an admin deletes " + PEOPLE.get(identity) + "'s "
                    + (accessRequests ? "access requests" : "manual tasks") + " rule";
        }
    }

    /** @param disabled turn every rule off, or on again */
    record RuleSwitch(boolean disabled) implements Step {
        @Override
        public String describe() {
            return "an admin turns every reassignment rule " + (disabled ? "off" : "on");
        }
    }

    /**
     * The host sweeps the timers at the clock's time.
     *
     * @param second on the second service instance (each has its own batch size) rather than the first; fixed by the
     *     step, so that shrinking a sequence does not move a sweep to the other instance
     */
    record Sweep(boolean second) implements Step {
        @Override
        public String describe() {
            return "the host sweeps the timers" + (second ? " on the second instance" : "");
        }
    }

    /** @param millis how far the clock moves (0 makes items share a creation time) */
    record Tick(int millis) implements Step {
        @Override
        public String describe() {
            return "the clock moves " + millis + " ms";
        }
    }

    /**
     * @param caller index into the callers @param owner index into the people, or -1 for the caller's own
     * @param completed which list @param limit page size (may be invalid) @param offset offset (may be invalid)
     * @param count whether to ask for the total
     */
    record ListPage(int caller, int owner, boolean completed, int limit, int offset, boolean count) implements Step {
        @Override
        public String describe() {
            return who(caller) + " lists " + whose(owner) + (completed ? " completed" : " pending") + " items, limit "
                    + limit + ", offset " + offset + (count ? ", with the total" : "");
        }
    }

    /**
     * @param caller index into the callers @param owner index into the people, or -1 for own
     * @param what 0 = count pending, 1 = count completed, 2 = summary
     */
    record Count(int caller, int owner, int what) implements Step {
        @Override
        public String describe() {
            return who(caller)
                    + (what == 2
                            ? " reads " + whose(owner) + " summary"
                            : " counts " + whose(owner) + (what == 0 ? " pending" : " completed") + " items");
        }
    }

    /** @param caller index into the callers @param item index into the created items */
    record Get(int caller, int item) implements Step {
        @Override
        public String describe() {
            return who(caller) + " gets item " + item;
        }
    }

    /** @param caller index into the callers @param item index into the created items */
    record History(int caller, int item) implements Step {
        @Override
        public String describe() {
            return who(caller) + " reads the history of item " + item;
        }
    }

    /** @param caller index into the callers @param item index into the created items */
    record Complete(int caller, int item) implements Step {
        @Override
        public String describe() {
            return who(caller) + " completes item " + item;
        }
    }

    /**
     * @param caller index into the callers @param item index into the created items
     * @param approval index of the approval item (past the end: unknown) @param approve approve or reject
     */
    record Decide(int caller, int item, int approval, boolean approve) implements Step {
        @Override
        public String describe() {
            return who(caller) + (approve ? " approves" : " rejects") + " approval item " + approval + " of item "
                    + item;
        }
    }

    /**
     * @param caller index into the callers @param item index into the created items @param approve approve or reject
     */
    record Bulk(int caller, int item, boolean approve) implements Step {
        @Override
        public String describe() {
            return who(caller) + (approve ? " approves" : " rejects") + " all undecided approval items of item " + item;
        }
    }

    /**
     * @param caller index into the callers @param item index into the created items @param target index into the people
     * @param blankComment send a blank comment @param sendNotifications ask for a notification
     */
    record Forward(int caller, int item, int target, boolean blankComment, boolean sendNotifications) implements Step {
        @Override
        public String describe() {
            return who(caller) + " forwards item " + item + " to " + PEOPLE.get(target)
                    + (blankComment ? " with a blank comment" : "")
                    + (sendNotifications ? ", notifying" : ", silently");
        }
    }

    /**
     * @param caller index into the callers @param item index into the created items
     * @param selection which selection to send, or -1 for none (null)
     */
    record Submit(int caller, int item, int selection) implements Step {
        @Override
        public String describe() {
            return who(caller)
                    + (selection < 0
                            ? " submits no account selection to item " + item
                            : " submits account selection " + selection + " to item " + item);
        }
    }

    /** @param item index into the created items @param kind 0 = return, 1 = expire, 2 = cancel */
    record Host(int item, int kind) implements Step {
        @Override
        public String describe() {
            return "the host " + List.of("returns", "expires", "cancels").get(kind) + " item " + item;
        }
    }
}
