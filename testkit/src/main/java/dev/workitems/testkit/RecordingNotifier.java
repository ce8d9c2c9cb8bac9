package dev.workitems.testkit;

import dev.workitems.spi.ForwardNotification;
import dev.workitems.spi.ForwardNotifier;
import dev.workitems.spi.TimerNotification;
import dev.workitems.spi.TimerNotifier;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A notifier of forwards and of reminders and escalations that keeps what it is told, for assertions. Thread-safe. */
final class RecordingNotifier implements ForwardNotifier, TimerNotifier {
    private final List<ForwardNotification> received = new CopyOnWriteArrayList<>();
    private final List<TimerNotification> timers = new CopyOnWriteArrayList<>();

    @Override
    public void forwarded(ForwardNotification notification) {
        received.add(notification);
    }

    @Override
    public void notify(TimerNotification notification) {
        timers.add(notification);
    }

    /** @return every forward notification so far, oldest first */
    List<ForwardNotification> received() {
        return List.copyOf(received);
    }

    /** @return every reminder and escalation notification so far, oldest first */
    List<TimerNotification> timers() {
        return List.copyOf(timers);
    }
}
