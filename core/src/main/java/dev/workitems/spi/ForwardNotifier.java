package dev.workitems.spi;

/**
 * Tells a new owner about a forwarded item. Called after the forward has been stored, on the caller's thread, only when
 * the forward asked for notifications. A failure is logged and does not undo the forward. Implementations must be
 * thread-safe.
 */
@FunctionalInterface
public interface ForwardNotifier {

    /** @param notification what was forwarded, from whom, to whom, and why */
    void forwarded(ForwardNotification notification);

    /** @return a notifier that writes one INFO line per forward to the {@code dev.workitems.notify} System.Logger */
    static ForwardNotifier logging() {
        System.Logger log = System.getLogger("dev.workitems.notify");
        return n -> log.log(
                System.Logger.Level.INFO,
                "work item {0} forwarded from {1} to {2} by {3}: {4}",
                n.item().id(),
                n.previousOwnerId(),
                n.item().ownerId(),
                n.actorId(),
                n.comment());
    }
}
