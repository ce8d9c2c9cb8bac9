package dev.workitems.storage.jdbc;

import dev.workitems.ApprovalItem;
import dev.workitems.FeedEvent;
import dev.workitems.Form;
import dev.workitems.FormSection;
import dev.workitems.HistoryAction;
import dev.workitems.HistoryEvent;
import dev.workitems.RemediationItem;
import dev.workitems.Timers;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemState;
import dev.workitems.WorkItemType;
import dev.workitems.spi.KnownItems;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jdbi.v3.core.statement.SqlStatement;

/** Turns work items and events into column values and back. Columns are read by position for speed. */
final class ItemCodec {
    private ItemCodec() {}

    /** The items table. */
    static final String ITEMS = "workitems_work_item";
    /** The events table: every item's history, and the feed. */
    static final String EVENTS = "workitems_event";
    /** The event columns an insert writes. */
    static final String EVENT_INSERT_COLUMNS = "work_item_id, item_version, at_ms, actor_id, action, comment, data, "
            + "item_type, owner_before, owner_after, state_before, state_after";

    /** One item column: its name, the part of the item it holds (compared to find changes) and its stored value. */
    private record Column(String name, Function<WorkItem, Object> part, Function<WorkItem, Object> value) {
        Column(String name, Function<WorkItem, Object> value) {
            this(name, value, value);
        }
    }

    /**
     * The item columns: the one list that the INSERT, the SET of an UPDATE, the SELECT and the reading of a row are all
     * made from. The id and the created time come first and never change.
     */
    private static final List<Column> COLUMNS = List.of(
            new Column("id", WorkItem::id),
            new Column("created_ms", w -> w.created().toEpochMilli()),
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
            new Column(
                    "modified_ms",
                    w -> w.modified() == null ? null : w.modified().toEpochMilli()),
            new Column(
                    "completed_ms",
                    w -> w.completed() == null ? null : w.completed().toEpochMilli()),
            new Column(
                    "approval_items",
                    WorkItem::approvalItems,
                    w -> w.approvalItems() == null ? null : Json.write(approvals(w.approvalItems()))),
            new Column(
                    "remediation_items",
                    WorkItem::remediationItems,
                    w -> w.remediationItems() == null ? null : Json.write(remediations(w.remediationItems()))),
            new Column("form", WorkItem::form, w -> w.form() == null ? null : Json.write(form(w.form()))),
            new Column("errors", WorkItem::errors, w -> Json.write(w.errors())),
            new Column(
                    "account_selection",
                    WorkItem::accountSelection,
                    w -> w.accountSelection() == null ? null : Json.write(w.accountSelection())),
            new Column("timers", WorkItem::timers, w -> w.timers() == null ? null : Json.write(timers(w.timers()))),
            new Column(
                    "timer_due_ms",
                    w -> w.timerDue() == null ? null : w.timerDue().toEpochMilli()));

    /** The columns an UPDATE may set: all but the id and the created time. */
    private static final List<Column> MUTABLE = COLUMNS.subList(2, COLUMNS.size());

    /** The item columns, as a column list. */
    static final String ITEM_COLUMNS = join(COLUMNS, Column::name);

    /** The same columns as named parameters, for INSERT ... VALUES. */
    static final String ITEM_PARAMS = join(COLUMNS, c -> ":" + c.name());

    /** Every column but the id and created time, as {@code col = :col}, for UPDATE ... SET. */
    static final String ITEM_ASSIGNMENTS = join(MUTABLE, c -> c.name() + " = :" + c.name());

    /**
     * The columns that may hold nothing (NULL, or no errors), in the order of their bits in the mask
     * {@link #ITEM_SELECT} adds, so that {@link #item(ResultSet)} does not fetch them. Each column fetched is a native
     * call on SQLite, and a typical item leaves six or seven of them empty.
     */
    private static final List<String> MAY_BE_EMPTY = List.of(
            "requester_id",
            "requester_display_name",
            "modified_ms",
            "completed_ms",
            "approval_items",
            "remediation_items",
            "form",
            "errors",
            "account_selection",
            "name",
            "timers");

    /** What reads select: {@link #ITEM_COLUMNS}, then the mask of the columns that hold nothing. */
    static final String ITEM_SELECT = ITEM_COLUMNS + ", "
            + String.join(
                    " + ",
                    MAY_BE_EMPTY.stream()
                            .map(c -> "CASE WHEN " + c + (c.equals("errors") ? " = '[]'" : " IS NULL") + " THEN "
                                    + (1 << MAY_BE_EMPTY.indexOf(c)) + " ELSE 0 END")
                            .toList());

    private static String join(List<Column> columns, Function<Column, String> part) {
        return String.join(", ", columns.stream().map(part).toList());
    }

    /** A column of a row of {@link #ITEM_SELECT}, found by name: its index in the row, and its bit in the mask. */
    private record Read(int index, int emptyBit) {
        static Read of(String name) {
            int i = COLUMNS.stream().map(Column::name).toList().indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException("no item column " + name);
            }
            int bit = MAY_BE_EMPTY.indexOf(name);
            return new Read(i + 1, bit < 0 ? 0 : 1 << bit);
        }
    }

    private static final Read ID = Read.of("id");
    private static final Read CREATED = Read.of("created_ms");
    private static final Read OWNER_ID = Read.of("owner_id");
    private static final Read VERSION = Read.of("version");
    private static final Read STATE = Read.of("state");
    private static final Read TYPE = Read.of("type");
    private static final Read NAME = Read.of("name");
    private static final Read DESCRIPTION = Read.of("description");
    private static final Read OWNER_NAME = Read.of("owner_name");
    private static final Read REQUESTER_ID = Read.of("requester_id");
    private static final Read REQUESTER_NAME = Read.of("requester_display_name");
    private static final Read MODIFIED = Read.of("modified_ms");
    private static final Read COMPLETED = Read.of("completed_ms");
    private static final Read APPROVALS = Read.of("approval_items");
    private static final Read REMEDIATIONS = Read.of("remediation_items");
    private static final Read FORM = Read.of("form");
    private static final Read ERRORS = Read.of("errors");
    private static final Read SELECTION = Read.of("account_selection");
    private static final Read TIMERS = Read.of("timers");
    /** The mask of empty columns, after the item columns. */
    private static final int EMPTY_MASK = COLUMNS.size() + 1;

    /**
     * @param st a statement
     * @param w the item
     * @param <S> the statement type
     * @return the statement with every item column bound
     */
    static <S extends SqlStatement<S>> S bind(S st, WorkItem w) {
        for (Column c : COLUMNS) {
            st.bind(c.name(), c.value().apply(w));
        }
        return st;
    }

    /**
     * What an UPDATE that turns {@code previous} into {@code next} must set: only the columns whose value changed (the
     * version always does). Setting fewer columns means encoding less JSON and, on SQLite, not rewriting index entries
     * of columns that kept their value. The columns are compared once; the SET list and the bindings both come from
     * that one comparison.
     *
     * @param previous the item as stored
     * @param next the item to store
     * @return the change
     */
    static Change change(WorkItem previous, WorkItem next) {
        List<Column> changed = new ArrayList<>(4);
        StringBuilder set = new StringBuilder();
        for (Column c : MUTABLE) {
            if (!Objects.equals(c.part().apply(previous), c.part().apply(next))) {
                changed.add(c);
                set.append(set.length() == 0 ? "" : ", ")
                        .append(c.name())
                        .append(" = :")
                        .append(c.name());
            }
        }
        return new Change(next, changed, set.toString());
    }

    /** The columns that differ between a stored item and its next version. */
    static final class Change {
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
         * @param st a statement using {@link #assignments()} and {@code :id}
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
     * @param known the items to answer with when one has the row's id and version, or null
     * @return the item
     * @throws SQLException if reading fails
     */
    static WorkItem item(ResultSet rs, KnownItems known) throws SQLException {
        String id = rs.getString(ID.index());
        long version = rs.getLong(VERSION.index());
        int empty = rs.getInt(EMPTY_MASK);
        // The times are compared too: the version alone names a state, but a database wiped and filled again under the
        // same ids (a restored backup, a reloaded test) must not be taken for the one the service saw.
        WorkItem recalled = null;
        if (known != null) {
            Instant modified = instant(rs, MODIFIED, empty);
            recalled = known.recall(
                    id,
                    version,
                    rs.getLong(CREATED.index()),
                    modified == null ? KnownItems.NEVER_MODIFIED : modified.toEpochMilli());
        }
        return recalled != null ? recalled : item(rs, empty, id, version);
    }

    /** What a read that first looks for known items selects: the columns that name a stored state. */
    static final String KEY_SELECT = "id, version, created_ms, modified_ms";

    /**
     * @param rs a row of {@link #KEY_SELECT}
     * @param known the items known
     * @return the known item with the row's id, version and times, or null
     * @throws SQLException if reading fails
     */
    static WorkItem recalled(ResultSet rs, KnownItems known) throws SQLException {
        String id = rs.getString(1);
        long version = rs.getLong(2);
        long created = rs.getLong(3);
        long modified = rs.getLong(4);
        return known.recall(id, version, created, rs.wasNull() ? KnownItems.NEVER_MODIFIED : modified);
    }

    private static WorkItem item(ResultSet rs, int empty, String id, long version) throws SQLException {
        return new WorkItem(
                id,
                text(rs, REQUESTER_ID, empty),
                text(rs, REQUESTER_NAME, empty),
                rs.getString(OWNER_ID.index()),
                rs.getString(OWNER_NAME.index()),
                Instant.ofEpochMilli(rs.getLong(CREATED.index())),
                instant(rs, MODIFIED, empty),
                rs.getString(DESCRIPTION.index()),
                WorkItemState.fromWire(rs.getString(STATE.index())),
                WorkItemType.fromWire(rs.getString(TYPE.index())),
                readRemediations(Json.readArray(text(rs, REMEDIATIONS, empty))),
                readApprovals(text(rs, APPROVALS, empty)),
                text(rs, NAME, empty),
                instant(rs, COMPLETED, empty),
                readForm(Json.readObject(text(rs, FORM, empty))),
                (empty & ERRORS.emptyBit()) != 0 ? List.of() : strings(Json.readArray(rs.getString(ERRORS.index()))),
                Json.readObject(text(rs, SELECTION, empty)),
                readTimers(Json.readObject(text(rs, TIMERS, empty))),
                version);
    }

    /** A nullable column, not fetched if the mask says it is empty. */
    private static String text(ResultSet rs, Read column, int empty) throws SQLException {
        return (empty & column.emptyBit()) != 0 ? null : rs.getString(column.index());
    }

    private static Instant instant(ResultSet rs, Read column, int empty) throws SQLException {
        return (empty & column.emptyBit()) != 0 ? null : Instant.ofEpochMilli(rs.getLong(column.index()));
    }

    /** The event columns, in the order {@link #event(ResultSet)} reads them. */
    static final String EVENT_COLUMNS = "work_item_id, item_version, at_ms, actor_id, action, comment, data";

    /** @param rs a row of {@link #EVENT_COLUMNS} @return the event @throws SQLException if reading fails */
    static HistoryEvent event(ResultSet rs) throws SQLException {
        return new HistoryEvent(
                rs.getString(1),
                rs.getLong(2),
                Instant.ofEpochMilli(rs.getLong(3)),
                rs.getString(4),
                HistoryAction.valueOf(rs.getString(5)),
                rs.getString(6),
                Json.readObject(rs.getString(7)));
    }

    /** The feed columns after the position, in the order {@link #feedEvent(ResultSet)} reads them. */
    static final String FEED_COLUMNS =
            EVENT_COLUMNS + ", item_type, owner_before, owner_after, state_before, state_after";

    /**
     * @param rs a row of the position, then {@link #FEED_COLUMNS} @return the feed event @throws SQLException if
     *     reading fails
     */
    static FeedEvent feedEvent(ResultSet rs) throws SQLException {
        String type = rs.getString(9);
        String stateBefore = rs.getString(12);
        String stateAfter = rs.getString(13);
        return new FeedEvent(
                rs.getLong(1),
                rs.getString(2),
                rs.getLong(3),
                HistoryAction.valueOf(rs.getString(6)),
                rs.getString(5),
                Instant.ofEpochMilli(rs.getLong(4)),
                rs.getString(7),
                Json.readObject(rs.getString(8)),
                type == null ? null : WorkItemType.fromWire(type),
                rs.getString(10),
                rs.getString(11),
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

    private static final String[] APPROVAL_KEYS = {"id", "account", "application", "name", "operation", "value", "state"
    };

    private static List<ApprovalItem> readApprovals(String text) {
        List<String[]> rows = Json.readFlatObjects(text, APPROVAL_KEYS);
        if (rows == null) {
            return null;
        }
        List<ApprovalItem> out = new ArrayList<>(rows.size());
        for (String[] v : rows) {
            out.add(new ApprovalItem(
                    v[0], v[1], v[2], v[3], v[4], v[5], v[6] == null ? null : WorkItemState.fromWire(v[6])));
        }
        return out;
    }

    private static List<Object> remediations(List<RemediationItem> items) {
        List<Object> out = new ArrayList<>(items.size());
        for (RemediationItem r : items) {
            out.add(List.of(
                    r.id(),
                    r.targetId(),
                    r.targetName(),
                    r.targetDisplayName(),
                    r.applicationName(),
                    r.attributeName(),
                    r.attributeOperation(),
                    r.attributeValue(),
                    r.nativeIdentity()));
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
            out.add(new RemediationItem(
                    (String) f.get(0),
                    (String) f.get(1),
                    (String) f.get(2),
                    (String) f.get(3),
                    (String) f.get(4),
                    (String) f.get(5),
                    (String) f.get(6),
                    (String) f.get(7),
                    (String) f.get(8)));
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
            sections.add(new FormSection((String) s.get("name"), (String) s.get("label"), (List<Map<String, Object>>)
                    (List<?>) s.get("formItems")));
        }
        return new Form(
                (String) m.get("id"),
                (String) m.get("name"),
                (String) m.get("title"),
                (String) m.get("subtitle"),
                (String) m.get("targetUser"),
                sections);
    }

    private static Map<String, Object> timers(Timers t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("due", t.due() == null ? null : t.due().toEpochMilli());
        Timers.Reminders r = t.reminders();
        if (r != null) {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("first", at(r.first()));
            rm.put("everyMs", r.every() == null ? null : r.every().toMillis());
            rm.put("max", (long) r.max());
            m.put("reminders", rm);
        }
        List<Object> steps = new ArrayList<>(t.escalation().size());
        for (Timers.Step s : t.escalation()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("at", at(s.at()));
            sm.put("kind", s.kind().name());
            sm.put("identityId", s.identityId());
            sm.put("decision", s.decision() == null ? null : s.decision().name());
            sm.put("reason", s.reason());
            steps.add(sm);
        }
        m.put("escalation", steps);
        m.put("remindersSent", (long) t.remindersSent());
        m.put("stepsDone", (long) t.stepsDone());
        return m;
    }

    private static Map<String, Object> at(Timers.At at) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("anchor", at.anchor().name());
        m.put("offsetMs", at.offset().toMillis());
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Timers readTimers(Map<String, Object> m) {
        if (m == null) {
            return null;
        }
        Timers.Reminders reminders = null;
        if (m.get("reminders") instanceof Map<?, ?> rm) {
            Object every = rm.get("everyMs");
            reminders = new Timers.Reminders(
                    readAt((Map<String, Object>) rm.get("first")),
                    every == null ? null : Duration.ofMillis(((Number) every).longValue()),
                    ((Number) rm.get("max")).intValue());
        }
        List<Timers.Step> steps = new ArrayList<>();
        for (Object o : (List<Object>) m.get("escalation")) {
            Map<String, Object> sm = (Map<String, Object>) o;
            String decision = (String) sm.get("decision");
            steps.add(new Timers.Step(
                    readAt((Map<String, Object>) sm.get("at")),
                    Timers.Kind.valueOf((String) sm.get("kind")),
                    (String) sm.get("identityId"),
                    decision == null ? null : Timers.Decision.valueOf(decision),
                    (String) sm.get("reason")));
        }
        Object due = m.get("due");
        return new Timers(
                due == null ? null : Instant.ofEpochMilli(((Number) due).longValue()),
                null,
                reminders,
                steps,
                ((Number) m.get("remindersSent")).intValue(),
                ((Number) m.get("stepsDone")).intValue());
    }

    private static Timers.At readAt(Map<String, Object> m) {
        return new Timers.At(
                Timers.Anchor.valueOf((String) m.get("anchor")),
                Duration.ofMillis(((Number) m.get("offsetMs")).longValue()));
    }

    private static List<String> strings(List<Object> json) {
        List<String> out = new ArrayList<>(json.size());
        for (Object o : json) {
            out.add((String) o);
        }
        return out;
    }
}
