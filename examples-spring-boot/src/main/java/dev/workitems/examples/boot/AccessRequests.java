package dev.workitems.examples.boot;

import dev.workitems.Caller;
import dev.workitems.NewApprovalItem;
import dev.workitems.NewWorkItem;
import dev.workitems.NotFoundException;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemType;
import dev.workitems.WorkItems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The host's own access requests, each a row of its table and an approval work item, written in one Spring transaction:
 * both commit or neither does.
 */
@Service
public class AccessRequests {
    private static final Caller SYSTEM = Caller.of(AccessRequestsApp.ADA, "ORG_ADMIN");

    private final JdbcTemplate sql;
    private final WorkItems workItems;

    AccessRequests(JdbcTemplate sql, WorkItems workItems) {
        this.sql = sql;
        this.workItems = workItems;
        sql.execute("CREATE TABLE IF NOT EXISTS access_request (id VARCHAR(40) PRIMARY KEY, requester_id VARCHAR(64)"
                + " NOT NULL, application VARCHAR(200) NOT NULL, entitlement VARCHAR(200) NOT NULL,"
                + " work_item_id VARCHAR(64) NOT NULL)");
    }

    /**
     * @param requesterId who asks
     * @param ownerId who approves
     * @param application the application
     * @param entitlement what is asked for
     * @param failAfterwards fail once both are written, to show that neither stays
     * @return the request, with its work item's id
     */
    @Transactional
    public Map<String, Object> request(
            String requesterId, String ownerId, String application, String entitlement, boolean failAfterwards) {
        String id = UUID.randomUUID().toString();
        WorkItem item = workItems.create(NewWorkItem.builder()
                .type(WorkItemType.APPROVAL)
                .name("Access Request: " + application)
                .description("Grant " + entitlement + " on " + application)
                .requesterId(requesterId)
                .ownerId(ownerId)
                .approvalItem(NewApprovalItem.of(requesterId, application, "entitlement", "Add", entitlement))
                .build());
        sql.update(
                "INSERT INTO access_request (id, requester_id, application, entitlement, work_item_id)"
                        + " VALUES (?, ?, ?, ?, ?)",
                id,
                requesterId,
                application,
                entitlement,
                item.id());
        if (failAfterwards) {
            throw new IllegalStateException("the request failed after its row and work item were written");
        }
        return view(id, requesterId, application, entitlement, item);
    }

    /** @return every request, with its work item's state now */
    public List<Map<String, Object>> list() {
        return sql.query(
                "SELECT id, requester_id, application, entitlement, work_item_id FROM access_request ORDER BY id",
                (rs, n) -> {
                    WorkItem item;
                    try {
                        item = workItems.get(SYSTEM, rs.getString("work_item_id"));
                    } catch (NotFoundException e) {
                        item = null;
                    }
                    return view(
                            rs.getString("id"),
                            rs.getString("requester_id"),
                            rs.getString("application"),
                            rs.getString("entitlement"),
                            item);
                });
    }

    private static Map<String, Object> view(
            String id, String requesterId, String application, String entitlement, WorkItem item) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("requesterId", requesterId);
        m.put("application", application);
        m.put("entitlement", entitlement);
        m.put("workItemId", item == null ? null : item.id());
        m.put("workItemState", item == null ? null : item.state().wireName());
        m.put("ownerName", item == null ? null : item.ownerName());
        return m;
    }
}
