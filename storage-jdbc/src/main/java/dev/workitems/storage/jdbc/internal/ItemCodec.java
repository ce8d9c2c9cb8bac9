package dev.workitems.storage.jdbc.internal;

import dev.workitems.ApprovalItem;
import dev.workitems.Form;
import dev.workitems.FormSection;
import dev.workitems.HistoryAction;
import dev.workitems.HistoryEvent;
import dev.workitems.RemediationItem;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemState;
import dev.workitems.WorkItemType;
import org.jdbi.v3.core.statement.SqlStatement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns work items and events into column values and back. Columns are read by position for speed. */
public final class ItemCodec {
    private ItemCodec() {
    }

    /** The item columns, in the order {@link #item(ResultSet)} reads them. */
    public static final String ITEM_COLUMNS = "id, owner_id, completed_list, created_ms, version, state, type, name, "
            + "description, owner_name, requester_id, requester_display_name, modified_ms, completed_ms, approval_items, "
            + "remediation_items, form, errors, account_selection";

    /** The same columns as named parameters, for INSERT ... VALUES. */
    public static final String ITEM_PARAMS = ":id, :owner_id, :completed_list, :created_ms, :version, :state, :type, "
            + ":name, :description, :owner_name, :requester_id, :requester_display_name, :modified_ms, :completed_ms, "
            + ":approval_items, :remediation_items, :form, :errors, :account_selection";

    /** Every column but the id and created time, as {@code col = :col}, for UPDATE ... SET. */
    public static final String ITEM_ASSIGNMENTS = "owner_id = :owner_id, completed_list = :completed_list, "
            + "version = :version, state = :state, type = :type, name = :name, description = :description, "
            + "owner_name = :owner_name, requester_id = :requester_id, requester_display_name = :requester_display_name, "
            + "modified_ms = :modified_ms, completed_ms = :completed_ms, approval_items = :approval_items, "
            + "remediation_items = :remediation_items, form = :form, errors = :errors, account_selection = :account_selection";

    /**
     * @param st   a statement
     * @param w    the item
     * @param <S>  the statement type
     * @return the statement with every item column bound
     */
    public static <S extends SqlStatement<S>> S bind(S st, WorkItem w) {
        return st.bind("id", w.id())
                .bind("owner_id", w.ownerId())
                .bind("completed_list", w.isCompleted() ? 1 : 0)
                .bind("created_ms", w.created().toEpochMilli())
                .bind("version", w.version())
                .bind("state", w.state().wireName())
                .bind("type", w.type().wireName())
                .bind("name", w.name())
                .bind("description", w.description())
                .bind("owner_name", w.ownerName())
                .bind("requester_id", w.requesterId())
                .bind("requester_display_name", w.requesterDisplayName())
                .bind("modified_ms", w.modified() == null ? null : w.modified().toEpochMilli())
                .bind("completed_ms", w.completed() == null ? null : w.completed().toEpochMilli())
                .bind("approval_items", w.approvalItems() == null ? null : Json.write(approvals(w.approvalItems())))
                .bind("remediation_items", w.remediationItems() == null ? null : Json.write(remediations(w.remediationItems())))
                .bind("form", w.form() == null ? null : Json.write(form(w.form())))
                .bind("errors", Json.write(w.errors()))
                .bind("account_selection", w.accountSelection() == null ? null : Json.write(w.accountSelection()));
    }

    /**
     * @param rs a row of {@link #ITEM_COLUMNS}
     * @return the item
     * @throws SQLException if reading fails
     */
    public static WorkItem item(ResultSet rs) throws SQLException {
        return new WorkItem(rs.getString(1), rs.getString(11), rs.getString(12), rs.getString(2), rs.getString(10),
                Instant.ofEpochMilli(rs.getLong(4)), instant(rs, 13), rs.getString(9),
                WorkItemState.fromWire(rs.getString(6)), WorkItemType.fromWire(rs.getString(7)),
                readRemediations(Json.readArray(rs.getString(16))), readApprovals(Json.readArray(rs.getString(15))),
                rs.getString(8), instant(rs, 14), readForm(Json.readObject(rs.getString(17))), strings(Json.readArray(rs.getString(18))),
                Json.readObject(rs.getString(19)), rs.getLong(5));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    /** The event columns, in the order {@link #event(ResultSet)} reads them. */
    public static final String EVENT_COLUMNS = "work_item_id, item_version, at_ms, actor_id, action, comment, data";

    /** @param rs a row of {@link #EVENT_COLUMNS} @return the event @throws SQLException if reading fails */
    public static HistoryEvent event(ResultSet rs) throws SQLException {
        return new HistoryEvent(rs.getString(1), rs.getLong(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4),
                HistoryAction.valueOf(rs.getString(5)), rs.getString(6), Json.readObject(rs.getString(7)));
    }

    private static List<Object> approvals(List<ApprovalItem> items) {
        List<Object> out = new ArrayList<>(items.size());
        for (ApprovalItem a : items) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.id());
            m.put("account", a.account());
            m.put("application", a.application());
            m.put("name", a.name());
            m.put("operation", a.operation());
            m.put("value", a.value());
            m.put("state", a.state() == null ? null : a.state().wireName());
            out.add(m);
        }
        return out;
    }

    private static List<ApprovalItem> readApprovals(List<Object> json) {
        if (json == null) {
            return null;
        }
        List<ApprovalItem> out = new ArrayList<>(json.size());
        for (Object o : json) {
            Map<?, ?> m = (Map<?, ?>) o;
            Object state = m.get("state");
            out.add(new ApprovalItem((String) m.get("id"), (String) m.get("account"), (String) m.get("application"),
                    (String) m.get("name"), (String) m.get("operation"), (String) m.get("value"),
                    state == null ? null : WorkItemState.fromWire((String) state)));
        }
        return out;
    }

    private static List<Object> remediations(List<RemediationItem> items) {
        List<Object> out = new ArrayList<>(items.size());
        for (RemediationItem r : items) {
            out.add(List.of(r.id(), r.targetId(), r.targetName(), r.targetDisplayName(), r.applicationName(),
                    r.attributeName(), r.attributeOperation(), r.attributeValue(), r.nativeIdentity()));
        }
        return out;
    }

    private static List<RemediationItem> readRemediations(List<Object> json) {
        if (json == null) {
            return null;
        }
        List<RemediationItem> out = new ArrayList<>(json.size());
        for (Object o : json) {
            List<?> f = (List<?>) o;
            out.add(new RemediationItem((String) f.get(0), (String) f.get(1), (String) f.get(2), (String) f.get(3),
                    (String) f.get(4), (String) f.get(5), (String) f.get(6), (String) f.get(7), (String) f.get(8)));
        }
        return out;
    }

    private static Map<String, Object> form(Form f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.put("name", f.name());
        m.put("title", f.title());
        m.put("subtitle", f.subtitle());
        m.put("targetUser", f.targetUser());
        List<Object> sections = new ArrayList<>();
        for (FormSection s : f.sections()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("name", s.name());
            sm.put("label", s.label());
            sm.put("formItems", s.formItems());
            sections.add(sm);
        }
        m.put("sections", sections);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Form readForm(Map<String, Object> m) {
        if (m == null) {
            return null;
        }
        List<FormSection> sections = new ArrayList<>();
        for (Object o : (List<Object>) m.get("sections")) {
            Map<String, Object> s = (Map<String, Object>) o;
            sections.add(new FormSection((String) s.get("name"), (String) s.get("label"),
                    (List<Map<String, Object>>) (List<?>) s.get("formItems")));
        }
        return new Form((String) m.get("id"), (String) m.get("name"), (String) m.get("title"), (String) m.get("subtitle"),
                (String) m.get("targetUser"), sections);
    }

    private static List<String> strings(List<Object> json) {
        List<String> out = new ArrayList<>(json.size());
        for (Object o : json) {
            out.add((String) o);
        }
        return out;
    }
}
