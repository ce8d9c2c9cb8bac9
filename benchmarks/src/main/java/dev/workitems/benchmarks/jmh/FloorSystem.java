package dev.workitems.benchmarks.jmh;

import dev.workitems.spi.IdGenerator;
import dev.workitems.storage.jdbc.JdbcWorkItemRepository;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The floor: plain JDBI statements on workitems' own schema writing the same rows (the item, its history event, its
 * owner's counters), with no service, no state machine, no domain objects and no JSON parsing around them. The schema
 * is created by the library's migrations; the data is loaded the same way as for workitems.
 */
final class FloorSystem implements TaskSystem {
    private static final String COLUMNS = "id, owner_id, completed_list, created_ms, version, state, type, name, description, "
            + "owner_name, requester_id, requester_display_name, modified_ms, completed_ms, approval_items, remediation_items, "
            + "form, errors, account_selection";

    private final JdbcWorkItemRepository schemaAndLoader;
    private final com.zaxxer.hikari.HikariDataSource pool;
    private final boolean shared;
    private final Jdbi jdbi;
    private final IdGenerator ids = IdGenerator.randomUuid();

    /**
     * @param schemaAndLoader the workitems store whose schema (and, when shared, whose rows) the floor uses
     * @param pool            the floor's own connections to the same database
     * @param shared          true when the rows are the ones workitems loaded (the floor then loads nothing and
     *                        leaves the store open for workitems)
     */
    FloorSystem(JdbcWorkItemRepository schemaAndLoader, com.zaxxer.hikari.HikariDataSource pool, boolean shared) {
        this.schemaAndLoader = schemaAndLoader;
        this.pool = pool;
        this.shared = shared;
        this.jdbi = Jdbi.create(pool);
    }

    private static Object[] row(ResultSet rs) throws SQLException {
        int n = rs.getMetaData().getColumnCount();
        Object[] r = new Object[n];
        for (int i = 0; i < n; i++) {
            r[i] = rs.getObject(i + 1);
        }
        return r;
    }

    private static void event(Handle h, String id, long version, String action) {
        h.createUpdate("INSERT INTO workitems_event (work_item_id, item_version, at_ms, actor_id, action, comment, data) "
                        + "VALUES (:w, :v, :t, 'admin', :a, NULL, '{}')")
                .bind("w", id).bind("v", version).bind("t", System.currentTimeMillis()).bind("a", action).execute();
    }

    private static void counters(Handle h, String owner, long pending, long completed) {
        h.createUpdate("INSERT INTO workitems_owner_count (owner_id, pending, completed) VALUES (:o, :p, :c) "
                        + "ON CONFLICT (owner_id) DO UPDATE SET pending = workitems_owner_count.pending + excluded.pending, "
                        + "completed = workitems_owner_count.completed + excluded.completed")
                .bind("o", owner).bind("p", pending).bind("c", completed).execute();
    }

    @Override
    public String[] create(String owner) {
        String id = ids.newId();
        String a0 = ids.newId();
        String approvals = "[{\"id\":\"" + a0 + "\",\"account\":\"acct\",\"application\":\"GitHub\",\"name\":\"teams\","
                + "\"operation\":\"Add\",\"value\":\"team-a\",\"state\":\"Pending\"},{\"id\":\"" + ids.newId()
                + "\",\"account\":\"acct\",\"application\":\"GitHub\",\"name\":\"teams\",\"operation\":\"Add\",\"value\":\"team-b\","
                + "\"state\":\"Pending\"},{\"id\":\"" + ids.newId() + "\",\"account\":\"acct\",\"application\":\"Active Directory\","
                + "\"name\":\"memberOf\",\"operation\":\"Add\",\"value\":\"cn=staff\",\"state\":\"Pending\"}]";
        jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO workitems_work_item (" + COLUMNS + ") VALUES (:id, :o, 0, :t, 1, 'Pending', 'Approval', "
                            + "'Access Request', 'Approve GitHub access', 'Owner', 'writer', 'Writer', NULL, NULL, :a, NULL, NULL, '[]', NULL)")
                    .bind("id", id).bind("o", owner).bind("t", System.currentTimeMillis()).bind("a", approvals).execute();
            counters(h, owner, 1, 0);
            event(h, id, 1, "CREATED");
        });
        return new String[]{id, a0};
    }

    @Override
    public Object get(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM workitems_work_item WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> row(rs)).findOne().orElse(null));
    }

    @Override
    public int page(String owner, int offset, int limit) {
        List<Object[]> rows = jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM workitems_work_item "
                        + "WHERE owner_id = :o AND completed_list = 0 ORDER BY created_ms, id LIMIT :l OFFSET :f")
                .bind("o", owner).bind("l", limit).bind("f", offset).map((rs, ctx) -> row(rs)).list());
        return rows.size();
    }

    @Override
    public long count(String owner) {
        return jdbi.withHandle(h -> h.createQuery("SELECT pending FROM workitems_owner_count WHERE owner_id = :o")
                .bind("o", owner).mapTo(Long.class).findOne().orElse(0L));
    }

    @Override
    public long[] summary(String owner) {
        return jdbi.withHandle(h -> h.createQuery("SELECT pending, completed FROM workitems_owner_count WHERE owner_id = :o")
                .bind("o", owner).map((rs, ctx) -> new long[]{rs.getLong(1), rs.getLong(2)}).findOne().orElse(new long[2]));
    }

    @Override
    public void complete(String id) {
        jdbi.useTransaction(h -> {
            long now = System.currentTimeMillis();
            Object[] r = h.createQuery("UPDATE workitems_work_item SET state = 'Finished', completed_list = 1, completed_ms = :t, "
                            + "modified_ms = :t, version = version + 1 WHERE id = :id RETURNING owner_id, version")
                    .bind("t", now).bind("id", id).map((rs, ctx) -> new Object[]{rs.getString(1), rs.getLong(2)}).one();
            counters(h, (String) r[0], -1, 1);
            event(h, id, (long) r[1], "COMPLETED");
        });
    }

    @Override
    public void forward(String id, String newOwner) {
        jdbi.useTransaction(h -> {
            String old = h.createQuery("SELECT owner_id FROM workitems_work_item WHERE id = :id").bind("id", id).mapTo(String.class).one();
            long version = h.createQuery("UPDATE workitems_work_item SET owner_id = :o, owner_name = :o, modified_ms = :t, "
                            + "version = version + 1 WHERE id = :id RETURNING version")
                    .bind("o", newOwner).bind("t", System.currentTimeMillis()).bind("id", id).mapTo(Long.class).one();
            List<String> owners = new ArrayList<>(List.of(old, newOwner));
            owners.sort(null);
            for (String o : owners) {
                counters(h, o, o.equals(old) ? -1 : 1, 0);
            }
            event(h, id, version, "FORWARDED");
        });
    }

    @Override
    public void approve(String id, String approvalId) {
        jdbi.useTransaction(h -> {
            String approvals = h.createQuery("SELECT approval_items FROM workitems_work_item WHERE id = :id").bind("id", id)
                    .mapTo(String.class).one();
            int at = approvals.indexOf("\"id\":\"" + approvalId + "\"");
            int state = approvals.indexOf("\"state\":\"Pending\"", at);
            String updated = approvals.substring(0, state) + "\"state\":\"Finished\"" + approvals.substring(state + 17);
            long version = h.createQuery("UPDATE workitems_work_item SET approval_items = :a, modified_ms = :t, version = version + 1 "
                            + "WHERE id = :id RETURNING version")
                    .bind("a", updated).bind("t", System.currentTimeMillis()).bind("id", id).mapTo(Long.class).one();
            event(h, id, version, "APPROVED");
        });
    }

    @Override
    public void approveAll(String id) {
        jdbi.useTransaction(h -> {
            String approvals = h.createQuery("SELECT approval_items FROM workitems_work_item WHERE id = :id").bind("id", id)
                    .mapTo(String.class).one();
            List<String> approvalIds = new ArrayList<>();
            for (int at = approvals.indexOf("\"id\":\""); at >= 0; at = approvals.indexOf("\"id\":\"", at + 1)) {
                approvalIds.add(approvals.substring(at + 6, approvals.indexOf('"', at + 6)));
            }
            long version = h.createQuery("UPDATE workitems_work_item SET approval_items = :a, modified_ms = :t, version = version + 1 "
                            + "WHERE id = :id RETURNING version")
                    .bind("a", approvals.replace("\"state\":\"Pending\"", "\"state\":\"Finished\""))
                    .bind("t", System.currentTimeMillis()).bind("id", id).mapTo(Long.class).one();
            for (int i = 0; i < approvalIds.size(); i++) {
                event(h, id, version, "APPROVED");
            }
        });
    }

    @Override
    public void load(int n, String heavy, int owners) {
        if (!shared) {
            new WorkItemsSystem(schemaAndLoader).load(n, heavy, owners);
        }
    }

    @Override
    public void close() {
        pool.close();
        if (!shared) {
            schemaAndLoader.close();
        }
    }
}
