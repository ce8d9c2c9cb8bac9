package dev.workitems.storage.jdbc;

import dev.workitems.ReassignmentConfigType;
import dev.workitems.ReassignmentRule;
import dev.workitems.StorageFailureException;
import dev.workitems.TenantReassignmentSwitch;
import dev.workitems.spi.ReassignmentStore.RuleChange;
import dev.workitems.spi.ReassignmentStore.RuleWrite;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Work Reassignment's tables (V005, V006): one row per rule, the tenant's switch, and the audit trail of rule changes.
 * The same SQL on every database; each call is one transaction on the store's pool.
 */
final class ReassignmentTables {
    private static final String COLUMNS = "identity_id, config_type, target_id, start_ms, end_ms, created_ms, "
            + "created_by, modified_ms, modified_by";
    /** Every column of the expected rule, null-safe: a write applies only to the row as the writer read it. */
    private static final String AS_EXPECTED = " WHERE identity_id = :identity_id AND config_type = :config_type"
            + " AND target_id = :e_target_id AND start_ms = :e_start_ms AND end_ms IS NOT DISTINCT FROM :e_end_ms"
            + " AND created_ms = :e_created_ms AND created_by = :e_created_by"
            + " AND modified_ms IS NOT DISTINCT FROM :e_modified_ms"
            + " AND modified_by IS NOT DISTINCT FROM :e_modified_by";

    private final Jdbi jdbi;

    ReassignmentTables(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    List<ReassignmentRule> rules(String identityId) {
        return call(() -> jdbi.withHandle(h -> {
            var q = h.createQuery("SELECT " + COLUMNS + " FROM workitems_reassignment"
                    + (identityId == null ? "" : " WHERE identity_id = :identity_id")
                    + " ORDER BY identity_id, config_type");
            if (identityId != null) {
                q.bind("identity_id", identityId);
            }
            return q.map((rs, ctx) -> rule(rs)).list();
        }));
    }

    boolean writeRule(RuleWrite w) {
        if (w.expected() == null && w.next() == null) {
            return rules(w.identityId()).stream().noneMatch(r -> r.configType() == w.configType());
        }
        return call(() -> jdbi.inTransaction(h -> {
            SqlStatement<?> st;
            if (w.expected() == null) {
                st = h.createUpdate("INSERT INTO workitems_reassignment (" + COLUMNS + ") VALUES (:identity_id, "
                        + ":config_type, :target_id, :start_ms, :end_ms, :created_ms, :created_by, :modified_ms, "
                        + ":modified_by) ON CONFLICT (identity_id, config_type) DO NOTHING");
                bind(st, "", w.next());
            } else if (w.next() == null) {
                st = h.createUpdate("DELETE FROM workitems_reassignment" + AS_EXPECTED);
                bind(st, "e_", w.expected());
            } else {
                st = h.createUpdate("UPDATE workitems_reassignment SET target_id = :target_id, start_ms = :start_ms,"
                        + " end_ms = :end_ms, created_ms = :created_ms, created_by = :created_by,"
                        + " modified_ms = :modified_ms, modified_by = :modified_by" + AS_EXPECTED);
                bind(st, "", w.next());
                bind(st, "e_", w.expected());
            }
            st.bind("identity_id", w.identityId())
                    .bind("config_type", w.configType().name());
            if (((org.jdbi.v3.core.statement.Update) st).execute() != 1) {
                return false;
            }
            h.createUpdate("INSERT INTO workitems_reassignment_audit (identity_id, config_type, at_ms, actor_id, "
                            + "before_rule, after_rule) VALUES (:i, :t, :at, :actor, :before, :after)")
                    .bind("i", w.identityId())
                    .bind("t", w.configType().name())
                    .bind("at", w.at().toEpochMilli())
                    .bind("actor", w.actorId())
                    .bind("before", json(w.expected()))
                    .bind("after", json(w.next()))
                    .execute();
            return true;
        }));
    }

    List<RuleChange> ruleChanges(String identityId) {
        return call(() -> jdbi.withHandle(h -> {
            var q = h.createQuery("SELECT identity_id, config_type, at_ms, actor_id, before_rule, after_rule FROM "
                    + "workitems_reassignment_audit" + (identityId == null ? "" : " WHERE identity_id = :i")
                    + " ORDER BY seq");
            if (identityId != null) {
                q.bind("i", identityId);
            }
            return q.map((rs, ctx) -> {
                        String id = rs.getString(1);
                        ReassignmentConfigType type = ReassignmentConfigType.valueOf(rs.getString(2));
                        return new RuleChange(
                                id,
                                type,
                                Instant.ofEpochMilli(rs.getLong(3)),
                                rs.getString(4),
                                fromJson(id, type, rs.getString(5)),
                                fromJson(id, type, rs.getString(6)));
                    })
                    .list();
        }));
    }

    private static String json(ReassignmentRule r) {
        if (r == null) {
            return null;
        }
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("targetId", r.targetId());
        m.put("start", r.start().toEpochMilli());
        m.put("end", r.end() == null ? null : r.end().toEpochMilli());
        m.put("created", r.created().toEpochMilli());
        m.put("createdBy", r.createdBy());
        m.put("modified", r.modified() == null ? null : r.modified().toEpochMilli());
        m.put("modifiedBy", r.modifiedBy());
        return Json.write(m);
    }

    private static Instant millis(Object value) {
        return value == null ? null : Instant.ofEpochMilli(((Number) value).longValue());
    }

    private static ReassignmentRule fromJson(String identityId, ReassignmentConfigType type, String text) {
        java.util.Map<String, Object> m = Json.readObject(text);
        if (m == null) {
            return null;
        }
        return new ReassignmentRule(
                identityId,
                type,
                (String) m.get("targetId"),
                millis(m.get("start")),
                millis(m.get("end")),
                millis(m.get("created")),
                (String) m.get("createdBy"),
                millis(m.get("modified")),
                (String) m.get("modifiedBy"));
    }

    TenantReassignmentSwitch tenantSwitch() {
        return call(() -> jdbi.withHandle(h -> h.createQuery(
                        "SELECT disabled, modified_ms, modified_by FROM workitems_reassignment_switch WHERE id = 1")
                .map((rs, ctx) -> new TenantReassignmentSwitch(rs.getInt(1) == 1, instant(rs, 2), rs.getString(3)))
                .findOne()
                .orElse(TenantReassignmentSwitch.DEFAULT)));
    }

    void writeTenantSwitch(TenantReassignmentSwitch s) {
        call(() -> jdbi.withHandle(h -> h.createUpdate("INSERT INTO workitems_reassignment_switch (id, disabled, "
                        + "modified_ms, modified_by) VALUES (1, :d, :m, :by) ON CONFLICT (id) DO UPDATE SET disabled = "
                        + ":d, modified_ms = :m, modified_by = :by")
                .bind("d", s.disabled() ? 1 : 0)
                .bind("m", s.modified() == null ? null : s.modified().toEpochMilli())
                .bind("by", s.modifiedBy())
                .execute()));
    }

    private static void bind(SqlStatement<?> st, String prefix, ReassignmentRule r) {
        st.bind(prefix + "target_id", r.targetId())
                .bind(prefix + "start_ms", r.start().toEpochMilli())
                .bind(prefix + "end_ms", r.end() == null ? null : r.end().toEpochMilli())
                .bind(prefix + "created_ms", r.created().toEpochMilli())
                .bind(prefix + "created_by", r.createdBy())
                .bind(
                        prefix + "modified_ms",
                        r.modified() == null ? null : r.modified().toEpochMilli())
                .bind(prefix + "modified_by", r.modifiedBy());
    }

    private static ReassignmentRule rule(ResultSet rs) throws SQLException {
        return new ReassignmentRule(
                rs.getString(1),
                ReassignmentConfigType.valueOf(rs.getString(2)),
                rs.getString(3),
                Instant.ofEpochMilli(rs.getLong(4)),
                instant(rs, 5),
                Instant.ofEpochMilli(rs.getLong(6)),
                rs.getString(7),
                instant(rs, 8),
                rs.getString(9));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long ms = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(ms);
    }

    private static <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (JdbiException e) {
            throw new StorageFailureException("reassignment storage failed: " + e.getMessage(), e);
        }
    }
}
