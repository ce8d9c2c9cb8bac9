package dev.workitems.spi;

/**
 * Tells people about reminders and escalations. Called after the change is stored, on the sweeping thread, once per
 * stored change: a reminder is recorded first and then sent, so it is sent at most once per due time (if the process
 * dies in between, it is recorded and not sent). A failure is logged and does not undo the change. Implementations must
 * be thread-safe.
 */
@FunctionalInterface
public interface TimerNotifier {

    /** @param notification what fell due and whom to tell */
    void notify(TimerNotification notification);

    /** @return a notifier that writes one INFO line per notification to the {@code dev.workitems.notify} logger */
    static TimerNotifier logging() {
        System.Logger log = System.getLogger("dev.workitems.notify");
        return n -> log.log(
                System.Logger.Level.INFO,
                "work item {0}: {1} {2} to {3}",
                n.item().id(),
                n.kind(),
                n.rule(),
                n.recipientId());
    }
}
