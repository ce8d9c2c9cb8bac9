package dev.workitems.benchmarks.jmh;

import dev.workitems.spi.IdGenerator;
import dev.workitems.storage.jdbc.JdbcWorkItemRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The floor: plain JDBI statements on workitems' own schema writing the same rows (the item, its history event with the
 * feed's columns, its owner's counters), with no service, no state machine, no domain objects and no JSON parsing
 * around them. The schema is created by the library's migrations; the data is loaded the same way as for workitems.
 *
 * <p>Without the feed ({@code feed = false}) the same statements write the history event as schema version 1 had it, on
 * a schema whose feed columns are dropped after loading. Beside the same floor with the feed, each on data of its own
 * loaded alike, the pair measures what the feed costs a write in the database, apart from the library.
 */
final class FloorSystem implements TaskSystem {
    private static final String COLUMNS =
            "id, owner_id, completed_list, created_ms, version, state, type, name, description, "
                    + "owner_name, requester_id, requester_display_name, modified_ms, completed_ms, approval_items, "
                    + "remediation_items, "
                    + "form, errors, account_selection";

    private final JdbcWorkItemRepository schemaAndLoader;
    private final com.zaxxer.hikari.HikariDataSource pool;
    private final boolean shared;
    private final Jdbi jdbi;
    private final boolean feed;
    private final boolean writesOnly;
    private final boolean postgres;
    private final IdGenerator ids = IdGenerator.randomUuid();

    /**
     * @param schemaAndLoader the workitems store whose schema (and, when shared, whose rows) the floor uses
     * @param pool the floor's own connections to the same database
     * @param shared true when the rows are the ones workitems loaded (the floor then loads nothing and leaves the store
     *     open for workitems)
     * @param feed whether events carry the feed's columns (false: the schema's feed columns are dropped once the data
     *     is loaded)
     * @param writesOnly whether it offers only the writes (the pair that measures the feed's cost)
     */
    FloorSystem(
            JdbcWorkItemRepository schemaAndLoader,
            com.zaxxer.hikari.HikariDataSource pool,
            boolean shared,
            boolean feed,
            boolean writesOnly) {
        if (shared && !feed) {
            throw new IllegalArgumentException(
                    "a floor without the feed drops the feed's columns: it needs data of its own");
        }
        this.schemaAndLoader = schemaAndLoader;
        this.pool = pool;
        this.shared = shared;
        this.feed = feed;
        this.writesOnly = writesOnly;
        this.postgres = schemaAndLoader.dialect() == dev.workitems.storage.jdbc.Dialect.POSTGRESQL;
        this.jdbi = Jdbi.create(pool);
    }

    @Override
    public boolean supports(String operation) {
        return writesOnly
                ? operation.equals("create") || CompareMain.WRITES.contains(operation)
                : TaskSystem.super.supports(operation);
    }

    private static Object[] row(ResultSet rs) throws SQLException {
        int n = rs.getMetaData().getColumnCount();
        Object[] r = new Object[n];
        for (int i = 0; i < n; i++) {
            r[i] = rs.getObject(i + 1);
        }
        return r;
    }

    /**
     * Appends one history event; with the feed, also what the change did to the item (as the store writes it).
     *
     * @param ownerBefore null for a create @param stateBefore null for a create
     */
    private void event(
            Handle h,
            String id,
            long version,
            String action,
            String ownerBefore,
            String ownerAfter,
            String stateBefore,
            String stateAfter) {
        if (!feed) {
            h.createUpdate("INSERT INTO workitems_event (work_item_id, item_version, at_ms, actor_id, action, "
                            + "comment, data) "
                            + "VALUES (:w, :v, :t, 'admin', :a, NULL, '{}')")
                    .bind("w", id)
                    .bind("v", version)
                    .bind("t", System.currentTimeMillis())
                    .bind("a", action)
                    .execute();
            return;
        }
        String insert =
                "INSERT INTO workitems_event (work_item_id, item_version, at_ms, actor_id, action, comment, data, "
                        + "item_type, owner_before, owner_after, state_before, state_after) "
                        + "VALUES (:w, :v, :t, 'admin', :a, NULL, '{}', 'Approval', :ob, :oa, :sb, :sa)";
        // On PostgreSQL the event's seq also goes to the events still to be numbered, as the store writes it.
        h.createUpdate(
                        postgres
                                ? "WITH ev AS (" + insert + " RETURNING seq) INSERT INTO workitems_feed_pending (seq) "
                                        + "SELECT seq FROM ev"
                                : insert)
                .bind("w", id)
                .bind("v", version)
                .bind("t", System.currentTimeMillis())
                .bind("a", action)
                .bind("ob", ownerBefore)
                .bind("oa", ownerAfter)
                .bind("sb", stateBefore)
                .bind("sa", stateAfter)
                .execute();
    }

    /** Drops what schema version 2 added to the history table, leaving it as version 1 had it. */
    private void dropFeed() {
        jdbi.useHandle(h -> {
            for (String column : List.of("item_type", "owner_before", "owner_after", "state_before", "state_after")) {
                h.execute("ALTER TABLE workitems_event DROP COLUMN " + column);
            }
        });
    }

    private static void counters(Handle h, String owner, long pending, long completed) {
        h.createUpdate("INSERT INTO workitems_owner_count (owner_id, pending, completed) VALUES (:o, :p, :c) "
                        + "ON CONFLICT (owner_id) DO UPDATE SET pending = workitems_owner_count.pending + "
                        + "excluded.pending, "
                        + "completed = workitems_owner_count.completed + excluded.completed")
                .bind("o", owner)
                .bind("p", pending)
                .bind("c", completed)
                .execute();
    }

    @Override
    public String[] create(String owner) {
        String id = ids.newId();
        String a0 = ids.newId();
        String approvals = "[{\"id\":\"" + a0 + "\",\"account\":\"acct\",\"application\":\"GitHub\",\"name\":\"teams\","
                + "\"operation\":\"Add\",\"value\":\"team-a\",\"state\":\"Pending\"},{\"id\":\"" + ids.newId()
                + "\",\"account\":\"acct\",\"application\":\"GitHub\",\"name\":\"teams\","
                + "\"operation\":\"Add\",\"value\":\"team-b\","
                + "\"state\":\"Pending\"},{\"id\":\"" + ids.newId()
                + "\",\"account\":\"acct\",\"application\":\"Active Directory\","
                + "\"name\":\"memberOf\",\"operation\":\"Add\",\"value\":\"cn=staff\",\"state\":\"Pending\"}]";
        jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO workitems_work_item (" + COLUMNS
                            + ") VALUES (:id, :o, 0, :t, 1, 'Pending', 'Approval', "
                            + "'Access Request', 'Approve GitHub access', 'Owner', 'writer', 'Writer', NULL, "
                            + "NULL, :a, NULL, NULL, '[]', NULL)")
                    .bind("id", id)
                    .bind("o", owner)
                    .bind("t", System.currentTimeMillis())
                    .bind("a", approvals)
                    .execute();
            counters(h, owner, 1, 0);
            event(h, id, 1, "CREATED", null, owner, null, "Pending");
        });
        return new String[] {id, a0};
    }

    @Override
    public Object get(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM workitems_work_item WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> row(rs))
                .findOne()
                .orElse(null));
    }

    @Override
    public int page(String owner, int offset, int limit) {
        List<Object[]> rows = jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM workitems_work_item "
                        + "WHERE owner_id = :o AND completed_list = 0 ORDER BY created_ms, id LIMIT :l OFFSET :f")
                .bind("o", owner)
                .bind("l", limit)
                .bind("f", offset)
                .map((rs, ctx) -> row(rs))
                .list());
        return rows.size();
    }

    @Override
    public long count(String owner) {
        return jdbi.withHandle(h -> h.createQuery("SELECT pending FROM workitems_owner_count WHERE owner_id = :o")
                .bind("o", owner)
                .mapTo(Long.class)
                .findOne()
                .orElse(0L));
    }

    @Override
    public long[] summary(String owner) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT pending, completed FROM workitems_owner_count WHERE owner_id = :o")
                .bind("o", owner)
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .findOne()
                .orElse(new long[2]));
    }

    @Override
    public void complete(String id) {
        jdbi.useTransaction(h -> {
            long now = System.currentTimeMillis();
            Object[] r = h.createQuery(
                            "UPDATE workitems_work_item SET state = 'Finished', completed_list = 1, completed_ms = :t, "
                                    + "modified_ms = :t, version = version + 1 WHERE id = :id RETURNING owner_id, "
                                    + "version")
                    .bind("t", now)
                    .bind("id", id)
                    .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getLong(2)})
                    .one();
            counters(h, (String) r[0], -1, 1);
            event(h, id, (long) r[1], "COMPLETED", (String) r[0], (String) r[0], "Pending", "Finished");
        });
    }

    @Override
    public void forward(String id, String newOwner) {
        jdbi.useTransaction(h -> {
            String old = h.createQuery("SELECT owner_id FROM workitems_work_item WHERE id = :id")
                    .bind("id", id)
                    .mapTo(String.class)
                    .one();
            long version = h.createQuery(
                            "UPDATE workitems_work_item SET owner_id = :o, owner_name = :o, modified_ms = :t, "
                                    + "version = version + 1 WHERE id = :id RETURNING version")
                    .bind("o", newOwner)
                    .bind("t", System.currentTimeMillis())
                    .bind("id", id)
                    .mapTo(Long.class)
                    .one();
            List<String> owners = new ArrayList<>(List.of(old, newOwner));
            owners.sort(null);
            for (String o : owners) {
                counters(h, o, o.equals(old) ? -1 : 1, 0);
            }
            event(h, id, version, "FORWARDED", old, newOwner, "Pending", "Pending");
        });
    }

    @Override
    public void approve(String id, String approvalId) {
        jdbi.useTransaction(h -> {
            String[] r = ownerAndApprovals(h, id);
            String approvals = r[1];
            int at = approvals.indexOf("\"id\":\"" + approvalId + "\"");
            int state = approvals.indexOf("\"state\":\"Pending\"", at);
            String updated = approvals.substring(0, state) + "\"state\":\"Finished\"" + approvals.substring(state + 17);
            long version = h.createQuery(
                            "UPDATE workitems_work_item SET approval_items = :a, modified_ms = :t, version = version "
                                    + "+ 1 "
                                    + "WHERE id = :id RETURNING version")
                    .bind("a", updated)
                    .bind("t", System.currentTimeMillis())
                    .bind("id", id)
                    .mapTo(Long.class)
                    .one();
            event(h, id, version, "APPROVED", r[0], r[0], "Pending", "Pending");
        });
    }

    private static String[] ownerAndApprovals(Handle h, String id) {
        return h.createQuery("SELECT owner_id, approval_items FROM workitems_work_item WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
                .one();
    }

    @Override
    public void approveAll(String id) {
        jdbi.useTransaction(h -> {
            String[] r = ownerAndApprovals(h, id);
            String approvals = r[1];
            List<String> approvalIds = new ArrayList<>();
            for (int at = approvals.indexOf("\"id\":\""); at >= 0; at = approvals.indexOf("\"id\":\"", at + 1)) {
                approvalIds.add(approvals.substring(at + 6, approvals.indexOf('"', at + 6)));
            }
            long version = h.createQuery(
                            "UPDATE workitems_work_item SET approval_items = :a, modified_ms = :t, version = version "
                                    + "+ 1 "
                                    + "WHERE id = :id RETURNING version")
                    .bind("a", approvals.replace("\"state\":\"Pending\"", "\"state\":\"Finished\""))
                    .bind("t", System.currentTimeMillis())
                    .bind("id", id)
                    .mapTo(Long.class)
                    .one();
            for (int i = 0; i < approvalIds.size(); i++) {
                event(h, id, version, "APPROVED", r[0], r[0], "Pending", "Pending");
            }
        });
    }

    @Override
    public void load(int n, String heavy, int owners) {
        if (!shared) {
            new WorkItemsSystem(schemaAndLoader).load(n, heavy, owners);
            if (!feed) {
                dropFeed();
            }
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
