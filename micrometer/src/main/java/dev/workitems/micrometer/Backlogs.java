package dev.workitems.micrometer;

import dev.workitems.FeedEvent;
import dev.workitems.WorkItems;
import dev.workitems.spi.DueQuery;
import dev.workitems.spi.SubscriptionStore.SubscriptionState;
import dev.workitems.spi.WorkItemRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the gauges read when the registry is scraped: how far a subscription is behind the feed, and the timers that are
 * due and not yet swept; each a bounded read, through the public API or the store's due index.
 */
final class Backlogs {
    private Backlogs() {}

    private static long position(WorkItems workItems, String subscription) {
        for (SubscriptionState s : workItems.subscriptions().list()) {
            if (s.name().equals(subscription)) {
                return s.position();
            }
        }
        return 0;
    }

    static double lagEvents(WorkItems workItems, String subscription) {
        return workItems
                .feed(position(workItems, subscription), WorkItemsMetrics.MAX_LAG_COUNTED)
                .size();
    }

    static double lagSeconds(WorkItems workItems, String subscription, Clock clock) {
        List<FeedEvent> next = workItems.feed(position(workItems, subscription), 1);
        return next.isEmpty() ? 0 : seconds(next.get(0).at(), clock);
    }

    static double due(WorkItemRepository storage, Clock clock) {
        return storage.findDue(new DueQuery(clock.instant(), null, null, WorkItemsMetrics.MAX_DUE_COUNTED))
                .size();
    }

    static double overdueSeconds(WorkItemRepository storage, Clock clock) {
        List<dev.workitems.WorkItem> due = storage.findDue(new DueQuery(clock.instant(), null, null, 1));
        return due.isEmpty() ? 0 : seconds(due.get(0).timerDue(), clock);
    }

    private static double seconds(Instant since, Clock clock) {
        return Math.max(0, Duration.between(since, clock.instant()).toMillis() / 1000.0);
    }
}
