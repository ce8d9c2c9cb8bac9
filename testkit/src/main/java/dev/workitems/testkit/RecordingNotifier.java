package dev.workitems.testkit;

import dev.workitems.spi.ForwardNotification;
import dev.workitems.spi.ForwardNotifier;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A notifier that keeps what it is told, for assertions. Thread-safe. */
public final class RecordingNotifier implements ForwardNotifier {
    private final List<ForwardNotification> received = new CopyOnWriteArrayList<>();

    @Override
    public void forwarded(ForwardNotification notification) {
        received.add(notification);
    }

    /** @return every notification so far, oldest first */
    public List<ForwardNotification> received() {
        return List.copyOf(received);
    }
}
