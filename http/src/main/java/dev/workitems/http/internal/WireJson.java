package dev.workitems.http.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
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
public final class WireJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    /** Always three fraction digits, unlike {@link Instant#toString()}. */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private WireJson() {
    }

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

    /** @param items a page @return a JSON array of {@code WorkItems} */
    public static byte[] items(List<WorkItem> items) {
        return bytes(g -> {
            g.writeStartArray();
            for (WorkItem w : items) {
                item(g, w);
            }
            g.writeEndArray();
        });
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

    private static void item(JsonGenerator g, WorkItem w) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", w.id());
        g.writeStringField("requesterId", w.requesterId());
        g.writeStringField("requesterDisplayName", w.requesterDisplayName());
        g.writeStringField("ownerId", w.ownerId());
        g.writeStringField("ownerName", w.ownerName());
        time(g, "created", w.created());
        time(g, "modified", w.modified());
        g.writeStringField("description", w.description());
        g.writeStringField("state", w.state().wireName());
        g.writeStringField("type", w.type().wireName());
        g.writeFieldName("remediationItems");
        if (w.remediationItems() == null) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (RemediationItem r : w.remediationItems()) {
                g.writeStartObject();
                g.writeStringField("id", r.id());
                g.writeStringField("targetId", r.targetId());
                g.writeStringField("targetName", r.targetName());
                g.writeStringField("targetDisplayName", r.targetDisplayName());
                g.writeStringField("applicationName", r.applicationName());
                g.writeStringField("attributeName", r.attributeName());
                g.writeStringField("attributeOperation", r.attributeOperation());
                g.writeStringField("attributeValue", r.attributeValue());
                g.writeStringField("nativeIdentity", r.nativeIdentity());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeFieldName("approvalItems");
        if (w.approvalItems() == null) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (ApprovalItem a : w.approvalItems()) {
                g.writeStartObject();
                g.writeStringField("id", a.id());
                g.writeStringField("account", a.account());
                g.writeStringField("application", a.application());
                g.writeStringField("name", a.name());
                g.writeStringField("operation", a.operation());
                g.writeStringField("value", a.value());
                g.writeStringField("state", a.state() == null ? null : a.state().wireName());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeStringField("name", w.name());
        time(g, "completed", w.completed());
        g.writeFieldName("numItems");
        if (w.numItems() == null) {
            g.writeNull();
        } else {
            g.writeNumber(w.numItems());
        }
        g.writeFieldName("form");
        form(g, w.form());
        g.writeArrayFieldStart("errors");
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

    private static void time(JsonGenerator g, String field, Instant t) throws IOException {
        g.writeStringField(field, t == null ? null : TIME.format(t));
    }

    /**
     * @param detailCode the contract's detail code
     * @param trackingId the request's tracking id
     * @param message    the generic, localized reason for the status
     * @param causes     the plain-text causes
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
