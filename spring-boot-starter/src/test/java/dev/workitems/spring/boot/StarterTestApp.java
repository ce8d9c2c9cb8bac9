package dev.workitems.spring.boot;

import dev.workitems.FeedEvent;
import dev.workitems.NewApprovalItem;
import dev.workitems.NewWorkItem;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemChange;
import dev.workitems.WorkItemType;
import dev.workitems.WorkItems;
import dev.workitems.spi.FeedHandler;
import dev.workitems.spi.IdentityDirectory;
import dev.workitems.spi.InMemoryIdentityDirectory;
import dev.workitems.spi.WorkItemListener;
import dev.workitems.testkit.Fixture;
import dev.workitems.testkit.MutableClock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A host application as a Boot user writes it: its own beans, its own table, its own transactional service. */
@SpringBootApplication
public class StarterTestApp {
    public static final String SECRET = "a-spring-boot-test-secret-of-at-least-32-bytes";

    @Bean
    IdentityDirectory identities() {
        return new InMemoryIdentityDirectory()
                .put(Fixture.FRED, "Fred.Astaire")
                .put(Fixture.GINGER, "Ginger.Rogers")
                .put(Fixture.CYD, "Cyd.Charisse")
                .put(Fixture.ADA, "Ada.Admin");
    }

    @Bean
    MutableClock clock() {
        return new MutableClock(Fixture.START);
    }

    @Bean
    Told told() {
        return new Told();
    }

    @Bean
    WorkItemListener recordingListener(Told told) {
        return told::changed;
    }

    /** A subscription to the event feed, named after this bean. */
    @Bean
    FeedHandler audit(Told told) {
        return told.events::add;
    }

    /** What the listener and the subscription were told. */
    public static final class Told {
        public final List<WorkItemChange> changes = new CopyOnWriteArrayList<>();
        public final List<FeedEvent> events = new CopyOnWriteArrayList<>();

        synchronized void changed(WorkItemChange change) {
            changes.add(change);
            notifyAll();
        }

        /**
         * Listeners are told on the service's listener thread, after the call that made the change has returned: waits
         * (at most ten seconds) until this one has been told of a change about the item.
         *
         * @param itemId the item
         * @return true once told, false if ten seconds passed first
         * @throws InterruptedException if interrupted while waiting
         */
        public synchronized boolean awaitChangeOf(String itemId) throws InterruptedException {
            long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (changes.stream().noneMatch(c -> c.after().id().equals(itemId))) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }

    /** The host's own service: an access request row and its approval work item, in one transaction. */
    @Service
    public static class AccessRequests {
        private final JdbcTemplate sql;
        private final WorkItems workItems;

        AccessRequests(JdbcTemplate sql, WorkItems workItems) {
            this.sql = sql;
            this.workItems = workItems;
            sql.execute("CREATE TABLE IF NOT EXISTS host_access_request "
                    + "(id VARCHAR(40) PRIMARY KEY, work_item_id VARCHAR(40) NOT NULL, decision VARCHAR(20))");
        }

        /**
         * @param requestId the host's id of the request
         * @param failAfterwards throw once both are written, so that the transaction rolls back
         * @return the work item
         */
        @Transactional
        public WorkItem request(String requestId, boolean failAfterwards) {
            WorkItem item = workItems.create(NewWorkItem.builder()
                    .type(WorkItemType.APPROVAL)
                    .name("Access Request: GitHub")
                    .description("Fred.Astaire asks for the admin team")
                    .requesterId(Fixture.FRED)
                    .ownerId(Fixture.GINGER)
                    .approvalItem(NewApprovalItem.of("fred-astaire-sp", "GitHub", "teams", "add", "admin"))
                    .build());
            sql.update("INSERT INTO host_access_request (id, work_item_id) VALUES (?, ?)", requestId, item.id());
            if (failAfterwards) {
                throw new IllegalStateException("the host changed its mind");
            }
            return item;
        }

        /**
         * Decides the request's first approval item and records the decision in the host's table, in one transaction.
         *
         * @param requestId the host's id of the request
         * @param approve approve, else reject
         * @param failAfterwards throw once both are written
         * @return the item after the decision
         */
        @Transactional
        public WorkItem decide(String requestId, boolean approve, boolean failAfterwards) {
            String itemId = sql.queryForObject(
                    "SELECT work_item_id FROM host_access_request WHERE id = ?", String.class, requestId);
            dev.workitems.Caller ginger = dev.workitems.Caller.of(Fixture.GINGER);
            String approval =
                    workItems.get(ginger, itemId).approvalItems().get(0).id();
            WorkItem after =
                    approve ? workItems.approve(ginger, itemId, approval) : workItems.reject(ginger, itemId, approval);
            sql.update(
                    "UPDATE host_access_request SET decision = ? WHERE id = ?",
                    approve ? "approved" : "rejected",
                    requestId);
            if (failAfterwards) {
                throw new IllegalStateException("the host changed its mind");
            }
            return after;
        }

        public String decision(String requestId) {
            return sql.queryForObject("SELECT decision FROM host_access_request WHERE id = ?", String.class, requestId);
        }

        public int rows(String requestId) {
            return sql.queryForObject(
                    "SELECT count(*) FROM host_access_request WHERE id = ?", Integer.class, requestId);
        }
    }
}
