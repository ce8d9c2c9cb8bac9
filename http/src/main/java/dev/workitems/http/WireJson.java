package dev.workitems.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.workitems.ApprovalItem;
import dev.workitems.Form;
import dev.workitems.FormSection;
import dev.workitems.RemediationItem;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemCount;
import dev.workitems.WorkItemSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Writes the V2024 wire format (D12, D13): every schema property in the spec's order, unset nullable fields as
 * {@code null}, non-nullable arrays as {@code []}, PascalCase enums, UTC times with milliseconds and {@code Z}.
 */
final class WireJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    /** Always three fraction digits, unlike {@link Instant#toString()}. */
    public static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private WireJson() {}

    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    static byte[] bytes(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** @param w an item @return its {@code WorkItems} JSON */
    public static byte[] item(WorkItem w) {
        return bytes(g -> item(g, w));
    }

    /**
     * Writes a page straight into a stream (a response body), with no intermediate copy.
     *
     * @param items a page
     * @param out where the JSON array of {@code WorkItems} goes; flushed, not closed
     * @throws IOException if the stream fails
     */
    public static void items(List<WorkItem> items, java.io.OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartArray();
            for (WorkItem w : items) {
                item(g, w);
            }
            g.writeEndArray();
        }
    }

    /** @param c a count @return {@code WorkItemsCount} */
    public static byte[] count(WorkItemCount c) {
        return bytes(g -> {
            g.writeStartObject();
            g.writeNumberField("count", c.count());
            g.writeEndObject();
        });
    }

    /** @param s a summary @return {@code WorkItemsSummary} */
    public static byte[] summary(WorkItemSummary s) {
        return bytes(g -> {
            g.writeStartObject();
            g.writeNumberField("open", s.open());
            g.writeNumberField("completed", s.completed());
            g.writeNumberField("total", s.total());
            g.writeEndObject();
        });
    }

    // Property names of the item, pre-encoded: a page writes each of them hundreds of times.
    private static final SerializedString F_ID = new SerializedString("id");
    private static final SerializedString F_REQUESTER_ID = new SerializedString("requesterId");
    private static final SerializedString F_REQUESTER_DISPLAY_NAME = new SerializedString("requesterDisplayName");
    private static final SerializedString F_OWNER_ID = new SerializedString("ownerId");
    private static final SerializedString F_OWNER_NAME = new SerializedString("ownerName");
    private static final SerializedString F_DESCRIPTION = new SerializedString("description");
    private static final SerializedString F_STATE = new SerializedString("state");
    private static final SerializedString F_TYPE = new SerializedString("type");
    private static final SerializedString F_TARGET_ID = new SerializedString("targetId");
    private static final SerializedString F_TARGET_NAME = new SerializedString("targetName");
    private static final SerializedString F_TARGET_DISPLAY_NAME = new SerializedString("targetDisplayName");
    private static final SerializedString F_APPLICATION_NAME = new SerializedString("applicationName");
    private static final SerializedString F_ATTRIBUTE_NAME = new SerializedString("attributeName");
    private static final SerializedString F_ATTRIBUTE_OPERATION = new SerializedString("attributeOperation");
    private static final SerializedString F_ATTRIBUTE_VALUE = new SerializedString("attributeValue");
    private static final SerializedString F_NATIVE_IDENTITY = new SerializedString("nativeIdentity");
    private static final SerializedString F_ACCOUNT = new SerializedString("account");
    private static final SerializedString F_APPLICATION = new SerializedString("application");
    private static final SerializedString F_NAME = new SerializedString("name");
    private static final SerializedString F_OPERATION = new SerializedString("operation");
    private static final SerializedString F_VALUE = new SerializedString("value");
    private static final SerializedString F_REMEDIATION_ITEMS = new SerializedString("remediationItems");
    private static final SerializedString F_APPROVAL_ITEMS = new SerializedString("approvalItems");
    private static final SerializedString F_NUM_ITEMS = new SerializedString("numItems");
    private static final SerializedString F_FORM = new SerializedString("form");
    private static final SerializedString F_ERRORS = new SerializedString("errors");
    private static final SerializedString F_CREATED = new SerializedString("created");
    private static final SerializedString F_MODIFIED = new SerializedString("modified");
    private static final SerializedString F_COMPLETED = new SerializedString("completed");

    private static void text(JsonGenerator g, SerializedString name, String value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }

    private static void item(JsonGenerator g, WorkItem w) throws IOException {
        g.writeStartObject();
        text(g, F_ID, w.id());
        text(g, F_REQUESTER_ID, w.requesterId());
        text(g, F_REQUESTER_DISPLAY_NAME, w.requesterDisplayName());
        text(g, F_OWNER_ID, w.ownerId());
        text(g, F_OWNER_NAME, w.ownerName());
        time(g, F_CREATED, w.created());
        time(g, F_MODIFIED, w.modified());
        text(g, F_DESCRIPTION, w.description());
        text(g, F_STATE, w.state().wireName());
        text(g, F_TYPE, w.type().wireName());
        g.writeFieldName(F_REMEDIATION_ITEMS);
        if (w.remediationItems() == null) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (RemediationItem r : w.remediationItems()) {
                g.writeStartObject();
                text(g, F_ID, r.id());
                text(g, F_TARGET_ID, r.targetId());
                text(g, F_TARGET_NAME, r.targetName());
                text(g, F_TARGET_DISPLAY_NAME, r.targetDisplayName());
                text(g, F_APPLICATION_NAME, r.applicationName());
                text(g, F_ATTRIBUTE_NAME, r.attributeName());
                text(g, F_ATTRIBUTE_OPERATION, r.attributeOperation());
                text(g, F_ATTRIBUTE_VALUE, r.attributeValue());
                text(g, F_NATIVE_IDENTITY, r.nativeIdentity());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeFieldName(F_APPROVAL_ITEMS);
        if (w.approvalItems() == null) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (ApprovalItem a : w.approvalItems()) {
                g.writeStartObject();
                text(g, F_ID, a.id());
                text(g, F_ACCOUNT, a.account());
                text(g, F_APPLICATION, a.application());
                text(g, F_NAME, a.name());
                text(g, F_OPERATION, a.operation());
                text(g, F_VALUE, a.value());
                text(g, F_STATE, a.state() == null ? null : a.state().wireName());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        text(g, F_NAME, w.name());
        time(g, F_COMPLETED, w.completed());
        g.writeFieldName(F_NUM_ITEMS);
        if (w.numItems() == null) {
            g.writeNull();
        } else {
            g.writeNumber(w.numItems());
        }
        g.writeFieldName(F_FORM);
        form(g, w.form());
        g.writeFieldName(F_ERRORS);
        g.writeStartArray();
        for (String e : w.errors()) {
            g.writeString(e);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void form(JsonGenerator g, Form f) throws IOException {
        if (f == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeStringField("id", f.id());
        g.writeStringField("name", f.name());
        g.writeStringField("title", f.title());
        g.writeStringField("subtitle", f.subtitle());
        g.writeStringField("targetUser", f.targetUser());
        g.writeArrayFieldStart("sections");
        for (FormSection s : f.sections()) {
            g.writeStartObject();
            g.writeStringField("name", s.name());
            g.writeStringField("label", s.label());
            g.writeArrayFieldStart("formItems");
            for (Map<String, Object> item : s.formItems()) {
                value(g, item);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName((String) e.getKey());
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                value(g, o);
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException("not a JSON value: " + v.getClass());
        }
    }

    private static void time(JsonGenerator g, SerializedString field, Instant t) throws IOException {
        g.writeFieldName(field);
        if (t == null) {
            g.writeNull();
        } else {
            char[] text = new char[24];
            if (UtcMillis.format(t, text)) {
                g.writeString(text, 0, 24);
            } else {
                g.writeString(TIME.format(t));
            }
        }
    }

    /**
     * @param detailCode the contract's detail code
     * @param trackingId the request's tracking id
     * @param message the generic, localized reason for the status
     * @param causes the plain-text causes
     * @return an {@code ErrorResponseDto}
     */
    public static byte[] error(String detailCode, String trackingId, String message, List<String> causes) {
        return bytes(g -> {
            g.writeStartObject();
            g.writeStringField("detailCode", detailCode);
            g.writeStringField("trackingId", trackingId);
            g.writeArrayFieldStart("messages");
            errorMessage(g, message);
            g.writeEndArray();
            g.writeArrayFieldStart("causes");
            for (String c : causes) {
                errorMessage(g, c);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void errorMessage(JsonGenerator g, String text) throws IOException {
        g.writeStartObject();
        g.writeStringField("locale", "en-US");
        g.writeStringField("localeOrigin", "DEFAULT");
        g.writeStringField("text", text);
        g.writeEndObject();
    }

    /** @param field the one property @param text its value @return {@code {"field": "text"}} */
    public static byte[] single(String field, String text) {
        return bytes(g -> {
            g.writeStartObject();
            g.writeStringField(field, text);
            g.writeEndObject();
        });
    }
}
