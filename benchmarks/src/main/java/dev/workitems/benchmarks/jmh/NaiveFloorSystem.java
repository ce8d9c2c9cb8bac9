package dev.workitems.benchmarks.jmh;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The naive floor of the SQLite page target: a normalized schema (an item table and an approval item table), and a page
 * read as one query for the items plus one {@code IN (...)} query for their approval items, rows grouped into plain
 * objects. Plain JDBI, no library around it. It offers the page operations only: it exists for that one comparison.
 */
final class NaiveFloorSystem implements TaskSystem {
    private static final String ITEM_COLUMNS =
            "id, owner_id, completed_list, created_ms, state, type, name, description, "
                    + "owner_name, requester_id, requester_display_name, modified_ms, completed_ms, version";

    private final HikariDataSource pool;
    private final Jdbi jdbi;

    /** An item row with its approval item rows. */
    record Row(Object[] item, List<Object[]> approvals) {}

    NaiveFloorSystem(HikariDataSource pool) {
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
        jdbi.useHandle(h -> {
            h.execute("CREATE TABLE IF NOT EXISTS naive_item (id TEXT PRIMARY KEY, owner_id TEXT NOT NULL, "
                    + "completed_list INTEGER NOT NULL, "
                    + "created_ms INTEGER NOT NULL, state TEXT, type TEXT, name TEXT, description TEXT, "
                    + "owner_name TEXT, requester_id TEXT, "
                    + "requester_display_name TEXT, modified_ms INTEGER, completed_ms INTEGER, version "
                    + "INTEGER NOT NULL)");
            h.execute(
                    "CREATE INDEX IF NOT EXISTS naive_item_owner ON naive_item (owner_id, completed_list, created_ms, "
                            + "id)");
            h.execute("CREATE TABLE IF NOT EXISTS naive_approval (id TEXT PRIMARY KEY, item_id TEXT NOT NULL, position "
                    + "INTEGER NOT NULL, "
                    + "account TEXT, application TEXT, name TEXT, operation TEXT, value TEXT, state TEXT)");
            h.execute("CREATE INDEX IF NOT EXISTS naive_approval_item ON naive_approval (item_id, position)");
        });
    }

    @Override
    public boolean supports(String operation) {
        return operation.startsWith("page250") && !operation.equals("page250After");
    }

    @Override
    public int page(String owner, int offset, int limit) {
        return jdbi.withHandle(h -> {
            List<Object[]> items = h.createQuery(
                            "SELECT " + ITEM_COLUMNS + " FROM naive_item WHERE owner_id = :o AND completed_list = 0 "
                                    + "ORDER BY created_ms, id LIMIT :l OFFSET :f")
                    .bind("o", owner)
                    .bind("l", limit)
                    .bind("f", offset)
                    .map((rs, ctx) -> {
                        Object[] r = new Object[14];
                        for (int i = 0; i < 14; i++) {
                            r[i] = rs.getObject(i + 1);
                        }
                        return r;
                    })
                    .list();
            if (items.isEmpty()) {
                return 0;
            }
            Map<Object, Row> byId = new HashMap<>();
            List<Row> page = new ArrayList<>(items.size());
            for (Object[] it : items) {
                Row row = new Row(it, new ArrayList<>(3));
                byId.put(it[0], row);
                page.add(row);
            }
            h.createQuery("SELECT item_id, id, account, application, name, operation, value, state FROM naive_approval "
                            + "WHERE item_id IN (<ids>) ORDER BY item_id, position")
                    .bindList("ids", new ArrayList<>(byId.keySet()))
                    .map((rs, ctx) -> {
                        Object[] a = new Object[7];
                        for (int i = 0; i < 7; i++) {
                            a[i] = rs.getObject(i + 2);
                        }
                        byId.get(rs.getString(1)).approvals().add(a);
                        return a;
                    })
                    .list();
            return page.size();
        });
    }

    @Override
    public void load(int n, String heavy, int owners) {
        long t0 = java.time.Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        for (int from = 0; from < n; from += 10_000) {
            int start = from;
            int end = Math.min(n, from + 10_000);
            jdbi.useTransaction(h -> {
                PreparedBatch items =
                        h.prepareBatch("INSERT INTO naive_item VALUES (:id, :o, 0, :t, 'Pending', 'Approval', "
                                + "'Access Request', 'Approve GitHub access', 'Owner', 'writer', 'Writer', NULL, "
                                + "NULL, 1)");
                PreparedBatch approvals = h.prepareBatch(
                        "INSERT INTO naive_approval VALUES (:id, :item, :p, 'acct', :app, :name, 'Add', :v, "
                                + "'Pending')");
                for (int i = start; i < end; i++) {
                    String id = UUID.randomUUID().toString();
                    items.bind("id", id)
                            .bind("o", i % 2 == 0 ? heavy : "owner-" + (1 + (i / 2) % owners))
                            .bind("t", t0 + i)
                            .add();
                    String[][] a = {
                        {"GitHub", "teams", "team-a"},
                        {"GitHub", "teams", "team-b"},
                        {"Active Directory", "memberOf", "cn=staff"}
                    };
                    for (int p = 0; p < 3; p++) {
                        approvals
                                .bind("id", UUID.randomUUID().toString())
                                .bind("item", id)
                                .bind("p", p)
                                .bind("app", a[p][0])
                                .bind("name", a[p][1])
                                .bind("v", a[p][2])
                                .add();
                    }
                }
                items.execute();
                approvals.execute();
            });
        }
        jdbi.useHandle(h -> h.execute("ANALYZE"));
    }

    private static IllegalStateException notOffered(String what) {
        return new IllegalStateException("the naive floor exists for the page comparison only, not for " + what);
    }

    @Override
    public String[] create(String owner) {
        throw notOffered("create");
    }

    @Override
    public Object get(String id) {
        throw notOffered("get");
    }

    @Override
    public long count(String owner) {
        throw notOffered("count");
    }

    @Override
    public long[] summary(String owner) {
        throw notOffered("summary");
    }

    @Override
    public void complete(String id) {
        throw notOffered("complete");
    }

    @Override
    public void forward(String id, String newOwner) {
        throw notOffered("forward");
    }

    @Override
    public void approve(String id, String approvalId) {
        throw notOffered("approve");
    }

    @Override
    public void approveAll(String id) {
        throw notOffered("approveAll");
    }

    @Override
    public void close() {
        pool.close();
    }
}
