package dev.workitems.spring.boot;

import dev.workitems.FeedEvent;
import dev.workitems.WorkItems;
import dev.workitems.spi.SubscriptionStore.SubscriptionState;
import dev.workitems.spi.WorkItemRepository;
import dev.workitems.storage.jdbc.JdbcWorkItemRepository;
import dev.workitems.storage.jdbc.SchemaMode;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * workitems' health: the store answers, its schema is the one this version needs (unless the team owns the schema,
 * {@code schema-mode=none}), and no subscription is stuck (its oldest event not handled is older than
 * {@code workitems.subscriptions.stuck-after}). Down, with the reason in the details, when one of them fails.
 */
final class WorkItemsHealthIndicator extends AbstractHealthIndicator {
    private final WorkItems workItems;
    private final WorkItemRepository storage;
    private final SchemaMode schemaMode;
    private final Clock clock;
    private final Duration stuckAfter;

    WorkItemsHealthIndicator(
            WorkItems workItems, WorkItemRepository storage, SchemaMode schemaMode, Clock clock, Duration stuckAfter) {
        super("workitems health check failed");
        this.workItems = workItems;
        this.storage = storage;
        this.schemaMode = schemaMode;
        this.clock = clock;
        this.stuckAfter = stuckAfter;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        storage.counts("workitems-health-probe"); // the store answers, or this throws and the check is down
        builder.withDetail("store", storage.toString());
        boolean up = true;
        if (storage instanceof JdbcWorkItemRepository jdbc && schemaMode != SchemaMode.NONE) {
            try {
                jdbc.validateSchema();
                builder.withDetail("schema", "valid");
            } catch (RuntimeException e) {
                builder.withDetail("schema", e.getMessage());
                up = false;
            }
        }
        Map<String, Object> subscriptions = new LinkedHashMap<>();
        List<SubscriptionState> states;
        try {
            states = workItems.subscriptions().list();
        } catch (IllegalStateException noSubscriptions) {
            states = List.of();
        }
        for (SubscriptionState s : states) {
            List<FeedEvent> next = workItems.feed(s.position(), 1);
            Duration behind = next.isEmpty()
                    ? Duration.ZERO
                    : Duration.between(next.get(0).at(), clock.instant());
            boolean stuck = behind.compareTo(stuckAfter) > 0;
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("position", s.position());
            d.put("oldestUnhandledAgeSeconds", Math.max(0, behind.toSeconds()));
            d.put("parked", s.parked().size());
            d.put("holder", s.holder());
            d.put("status", stuck ? "stuck" : "ok");
            subscriptions.put(s.name(), d);
            up &= !stuck;
        }
        builder.withDetail("subscriptions", subscriptions);
        if (up) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
