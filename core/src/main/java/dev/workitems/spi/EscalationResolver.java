package dev.workitems.spi;

import dev.workitems.Timers;
import dev.workitems.WorkItem;
import java.util.Optional;

/**
 * Names whom an escalation step without a named identity notifies or reassigns to: for example the owner's manager,
 * from the host's directory. Called by a sweep, before the step is stored; it may be called more than once for one step
 * (when another instance changed the item meanwhile, the step is decided again). Implementations must be thread-safe.
 */
@FunctionalInterface
public interface EscalationResolver {

    /**
     * @param item the item as stored, with its current owner
     * @param step the step that falls due
     * @return the identity id, or empty for nobody: the step is then skipped, and the skip recorded in the history. An
     *     id the identity directory does not know is skipped and recorded the same way. An exception leaves the step
     *     due: it is tried again by the next sweep.
     */
    Optional<String> resolve(WorkItem item, Timers.Step step);

    /** @return a resolver that names nobody (the default: steps without a named identity are skipped) */
    static EscalationResolver nobody() {
        return (item, step) -> Optional.empty();
    }
}
