package dev.workitems.spi;

import dev.workitems.ConflictException;
import dev.workitems.ForbiddenException;
import dev.workitems.WorkItemChange;

/**
 * A host's own rule, checked before a change is stored, that can refuse it: "the requester may not approve their own
 * request", "only Cyd's team may cancel provisioning items". Runs on the caller's thread for every change (create,
 * decisions, forward, account selection, complete, return / expire / cancel) after the library's own checks passed and
 * before anything is written; not for a call that changes nothing (a repeated decision). A refusal reaches the caller
 * as {@link ForbiddenException} (HTTP 403) or {@link ConflictException} (HTTP 400 {@code 400.1.409}), with the guard's
 * reason as the message, and nothing is stored. A guard that throws makes the call fail with that exception, and
 * nothing is stored. The change may be retried against a concurrent writer, so a guard may see the same call more than
 * once. Implementations must be thread-safe and should not block.
 */
@FunctionalInterface
public interface WorkItemGuard {

    /**
     * @param change the change about to be stored
     * @return {@link Verdict#ALLOW}, or a refusal with its reason
     */
    Verdict check(WorkItemChange change);

    /**
     * What a guard decided.
     *
     * @param refusal null to allow; else how the call is refused
     * @param reason why, shown to the caller; null when allowed
     */
    record Verdict(Refusal refusal, String reason) {
        /** Let the change be stored. */
        public static final Verdict ALLOW = new Verdict(null, null);

        /** @throws IllegalArgumentException if a refusal has no reason */
        public Verdict {
            if (refusal != null && (reason == null || reason.isBlank())) {
                throw new IllegalArgumentException("a refusal needs a reason");
            }
        }

        /** @param reason why the caller may not do this @return a refusal answered as forbidden (403) */
        public static Verdict forbid(String reason) {
            return new Verdict(Refusal.FORBIDDEN, reason);
        }

        /** @param reason why the item does not allow this now @return a refusal answered as a conflict (400.1.409) */
        public static Verdict conflict(String reason) {
            return new Verdict(Refusal.CONFLICT, reason);
        }

        /** @return true if the change may be stored */
        public boolean allowed() {
            return refusal == null;
        }
    }

    /** How a guard's refusal reaches the caller. */
    enum Refusal {
        /** {@link ForbiddenException}: HTTP 403. */
        FORBIDDEN,
        /** {@link ConflictException}: HTTP 400 with detail code {@code 400.1.409 Work item state conflict}. */
        CONFLICT
    }
}
