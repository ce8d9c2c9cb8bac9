package dev.workitems.storage.jdbc.internal;

import dev.workitems.ApprovalItem;
import dev.workitems.Form;
import dev.workitems.FormSection;
import dev.workitems.FeedEvent;
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
import java.util.Objects;
import java.util.function.Function;

/** Turns work items and events into column values and back. Columns are read by position for speed. */
public final class ItemCodec {
    private ItemCodec() {
    }

    /** The item columns, in the order {@link #item(ResultSet)} reads them. */
    public static final String ITEM_COLUMNS = "id, owner_id, completed_list, created_ms, version, state, type, name, "
            + "description, owner_name, requester_id, requester_display_name, modified_ms, completed_ms, approval_items, "
            + "remediation_items, form, errors, account_selection";

    /**
     * What reads select: {@link #ITEM_COLUMNS}, then a bit mask of the columns that hold nothing (NULL, or no errors),
     * so that {@link #item(ResultSet)} does not fetch them. Each column fetched is a native call on SQLite, and a
     * typical item leaves six or seven of them empty.
     */
    public static final String ITEM_SELECT = ITEM_COLUMNS + ", "
            + "CASE WHEN requester_id IS NULL THEN 1 ELSE 0 END + CASE WHEN requester_display_name IS NULL THEN 2 ELSE 0 END"
            + " + CASE WHEN modified_ms IS NULL THEN 4 ELSE 0 END + CASE WHEN completed_ms IS NULL THEN 8 ELSE 0 END"
            + " + CASE WHEN approval_items IS NULL THEN 16 ELSE 0 END + CASE WHEN remediation_items IS NULL THEN 32 ELSE 0 END"
            + " + CASE WHEN form IS NULL THEN 64 ELSE 0 END + CASE WHEN errors = '[]' THEN 128 ELSE 0 END"
            + " + CASE WHEN account_selection IS NULL THEN 256 ELSE 0 END + CASE WHEN name IS NULL THEN 512 ELSE 0 END";

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

    /** One item column: its name, the part of the item it holds (compared to find changes) and its stored value. */
    private record Column(String name, Function<WorkItem, Object> part, Function<WorkItem, Object> value) {
        Column(String name, Function<WorkItem, Object> value) {
            this(name, value, value);
        }
    }

    /** The columns an UPDATE may set, in {@link #ITEM_ASSIGNMENTS} order (the id and created time never change). */
    private static final List<Column> MUTABLE = List.of(
            new Column("owner_id", WorkItem::ownerId),
            new Column("completed_list", w -> w.isCompleted() ? 1 : 0),
            new Column("version", WorkItem::version),
            new Column("state", w -> w.state().wireName()),
            new Column("type", w -> w.type().wireName()),
            new Column("name", WorkItem::name),
            new Column("description", WorkItem::description),
            new Column("owner_name", WorkItem::ownerName),
            new Column("requester_id", WorkItem::requesterId),
            new Column("requester_display_name", WorkItem::requesterDisplayName),
            new Column("modified_ms", w -> w.modified() == null ? null : w.modified().toEpochMilli()),
            new Column("completed_ms", w -> w.completed() == null ? null : w.completed().toEpochMilli()),
            new Column("approval_items", WorkItem::approvalItems,
                    w -> w.approvalItems() == null ? null : Json.write(approvals(w.approvalItems()))),
            new Column("remediation_items", WorkItem::remediationItems,
                    w -> w.remediationItems() == null ? null : Json.write(remediations(w.remediationItems()))),
            new Column("form", WorkItem::form, w -> w.form() == null ? null : Json.write(form(w.form()))),
            new Column("errors", WorkItem::errors, w -> Json.write(w.errors())),
            new Column("account_selection", WorkItem::accountSelection,
                    w -> w.accountSelection() == null ? null : Json.write(w.accountSelection())));

    /**
     * @param st   a statement
     * @param w    the item
     * @param <S>  the statement type
     * @return the statement with every item column bound
     */
    public static <S extends SqlStatement<S>> S bind(S st, WorkItem w) {
        st.bind("id", w.id()).bind("created_ms", w.created().toEpochMilli());
        for (Column c : MUTABLE) {
            st.bind(c.name(), c.value().apply(w));
        }
        return st;
    }

    /**
     * What an UPDATE that turns {@code previous} into {@code next} must set: only the columns whose value changed (the
     * version always does). Setting fewer columns means encoding less JSON and, on SQLite, not rewriting index
     * entries of columns that kept their value. The columns are compared once; the SET list and the bindings both
     * come from that one comparison.
     *
     * @param previous the item as stored
     * @param next     the item to store
     * @return the change
     */
    public static Change change(WorkItem previous, WorkItem next) {
        List<Column> changed = new ArrayList<>(4);
        StringBuilder set = new StringBuilder();
        for (Column c : MUTABLE) {
            if (!Objects.equals(c.part().apply(previous), c.part().apply(next))) {
                changed.add(c);
                set.append(set.length() == 0 ? "" : ", ").append(c.name()).append(" = :").append(c.name());
            }
        }
        return new Change(next, changed, set.toString());
    }

    /** The columns that differ between a stored item and its next version. */
    public static final class Change {
        private final WorkItem next;
        private final List<Column> columns;
        private final String assignments;

        private Change(WorkItem next, List<Column> columns, String assignments) {
            this.next = next;
            this.columns = columns;
            this.assignments = assignments;
        }

        /** @return the changed columns as {@code col = :col, ...}, for UPDATE ... SET */
        public String assignments() {
            return assignments;
        }

        /**
         * @param st  a statement using {@link #assignments()} and {@code :id}
         * @param <S> the statement type
         * @return the statement with the id and the changed columns bound
         */
        public <S extends SqlStatement<S>> S bind(S st) {
            st.bind("id", next.id());
            for (Column c : columns) {
                st.bind(c.name(), c.value().apply(next));
            }
            return st;
        }
    }

    /**
     * @param rs a row of {@link #ITEM_SELECT}
     * @return the item
     * @throws SQLException if reading fails
     */
    public static WorkItem item(ResultSet rs) throws SQLException {
        int empty = rs.getInt(20);
        return new WorkItem(rs.getString(1), text(rs, 11, empty, 1), text(rs, 12, empty, 2), rs.getString(2),
                rs.getString(10), Instant.ofEpochMilli(rs.getLong(4)), instant(rs, 13, empty, 4), rs.getString(9),
                WorkItemState.fromWire(rs.getString(6)), WorkItemType.fromWire(rs.getString(7)),
                readRemediations(Json.readArray(text(rs, 16, empty, 32))), readApprovals(text(rs, 15, empty, 16)),
                text(rs, 8, empty, 512), instant(rs, 14, empty, 8), readForm(Json.readObject(text(rs, 17, empty, 64))),
                (empty & 128) != 0 ? List.of() : strings(Json.readArray(rs.getString(18))),
                Json.readObject(text(rs, 19, empty, 256)), rs.getLong(5));
    }

    /** A nullable text column, not fetched if the mask says it is NULL. */
    private static String text(ResultSet rs, int column, int empty, int bit) throws SQLException {
        return (empty & bit) != 0 ? null : rs.getString(column);
    }

    private static Instant instant(ResultSet rs, int column, int empty, int bit) throws SQLException {
        return (empty & bit) != 0 ? null : Instant.ofEpochMilli(rs.getLong(column));
    }

    /** The event columns, in the order {@link #event(ResultSet)} reads them. */
    public static final String EVENT_COLUMNS = "work_item_id, item_version, at_ms, actor_id, action, comment, data";

    /** @param rs a row of {@link #EVENT_COLUMNS} @return the event @throws SQLException if reading fails */
    public static HistoryEvent event(ResultSet rs) throws SQLException {
        return new HistoryEvent(rs.getString(1), rs.getLong(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4),
                HistoryAction.valueOf(rs.getString(5)), rs.getString(6), Json.readObject(rs.getString(7)));
    }

    /** The feed columns after the position, in the order {@link #feedEvent(ResultSet)} reads them. */
    public static final String FEED_COLUMNS = EVENT_COLUMNS + ", item_type, owner_before, owner_after, state_before, state_after";

    /** @param rs a row of the position, then {@link #FEED_COLUMNS} @return the feed event @throws SQLException if reading fails */
    public static FeedEvent feedEvent(ResultSet rs) throws SQLException {
        String type = rs.getString(9);
        String stateBefore = rs.getString(12);
        String stateAfter = rs.getString(13);
        return new FeedEvent(rs.getLong(1), rs.getString(2), rs.getLong(3), HistoryAction.valueOf(rs.getString(6)),
                rs.getString(5), Instant.ofEpochMilli(rs.getLong(4)), rs.getString(7), Json.readObject(rs.getString(8)),
                type == null ? null : WorkItemType.fromWire(type), rs.getString(10), rs.getString(11),
                stateBefore == null ? null : WorkItemState.fromWire(stateBefore),
                stateAfter == null ? null : WorkItemState.fromWire(stateAfter));
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

    private static final String[] APPROVAL_KEYS = {"id", "account", "application", "name", "operation", "value", "state"};

    private static List<ApprovalItem> readApprovals(String text) {
        List<String[]> rows = Json.readFlatObjects(text, APPROVAL_KEYS);
        if (rows == null) {
            return null;
        }
        List<ApprovalItem> out = new ArrayList<>(rows.size());
        for (String[] v : rows) {
            out.add(new ApprovalItem(v[0], v[1], v[2], v[3], v[4], v[5], v[6] == null ? null : WorkItemState.fromWire(v[6])));
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
