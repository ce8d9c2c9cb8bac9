package dev.workitems.storage.jdbc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of the documents this store keeps in text columns (approval items, forms, selections, event data), over
 * Jackson's streaming parser and generator. Strict: one value per text, no comments, no leading {@code +} or zeros, no
 * trailing commas or text (a repeated key keeps its last value, as before). It reads back exactly the canonical values
 * core's records hold: objects as insertion-ordered maps, arrays as lists, whole numbers as {@code Long} (or
 * {@code BigInteger} beyond the long range), other numbers as the {@code BigDecimal} of their text.
 */
final class Json {
    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {}

    /**
     * @param value a JSON-shaped value: null, String, Boolean, Long, Integer, BigInteger, BigDecimal, a map with string
     *     keys or a list of such values
     * @return its JSON text
     * @throws IllegalArgumentException if the value is not JSON-shaped
     */
    public static String write(Object value) {
        StringWriter out = new StringWriter(64);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to a string failed", e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Long || v instanceof Integer) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName((String) e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                write(g, o);
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException("not a JSON value: " + v.getClass());
        }
    }

    /**
     * @param text JSON text, or null
     * @return the value (null for null text)
     * @throws IllegalArgumentException if the text is not exactly one JSON value
     */
    public static Object read(String text) {
        if (text == null) {
            return null;
        }
        try (JsonParser p = FACTORY.createParser(text)) {
            Object v = value(p, p.nextToken());
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("bad JSON: trailing characters at "
                        + p.currentLocation().getCharOffset());
            }
            return v;
        } catch (IOException e) {
            throw bad(e);
        }
    }

    /** @param text a JSON object's text, or null @return the object (null for null text) */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(String text) {
        return (Map<String, Object>) read(text);
    }

    /** @param text a JSON array's text, or null @return the list (null for null text) */
    @SuppressWarnings("unchecked")
    public static List<Object> readArray(String text) {
        return (List<Object>) read(text);
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        if (t == null) {
            throw new IllegalArgumentException("bad JSON: unexpected end");
        }
        switch (t) {
            case START_OBJECT: {
                LinkedHashMap<String, Object> m = new LinkedHashMap<>();
                for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
                    m.put(key, value(p, p.nextToken()));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    l.add(value(p, e));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? p.getBigIntegerValue()
                        : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDecimalValue();
            default:
                throw new IllegalArgumentException("bad JSON: unexpected " + t);
        }
    }

    /**
     * Reads an array of flat objects (approval items, say) straight into their values, without a map per object: a page
     * of 250 items has 750 of them.
     *
     * @param text a JSON array of objects, or null
     * @param keys the keys wanted
     * @return per object, the values of {@code keys} in that order (null where absent); null for null text
     * @throws IllegalArgumentException if the text is not such an array, or a wanted value is neither a string nor null
     */
    public static List<String[]> readFlatObjects(String text, String... keys) {
        if (text == null) {
            return null;
        }
        try (JsonParser p = FACTORY.createParser(text)) {
            expect(p, p.nextToken(), JsonToken.START_ARRAY);
            List<String[]> out = new ArrayList<>();
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                expect(p, t, JsonToken.START_OBJECT);
                String[] row = new String[keys.length];
                for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
                    JsonToken v = p.nextToken();
                    int k = indexOf(keys, key);
                    if (k < 0) {
                        p.skipChildren();
                    } else if (v == JsonToken.VALUE_STRING) {
                        row[k] = p.getText();
                    } else if (v != JsonToken.VALUE_NULL) {
                        throw new IllegalArgumentException("bad JSON: " + key + " holds " + v + ", not a string");
                    }
                }
                out.add(row);
            }
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("bad JSON: trailing characters");
            }
            return out;
        } catch (IOException e) {
            throw bad(e);
        }
    }

    private static int indexOf(String[] keys, String key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static void expect(JsonParser p, JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new IllegalArgumentException("bad JSON at "
                    + p.currentLocation().getCharOffset() + ": expected " + expected + ", found " + actual);
        }
    }

    private static IllegalArgumentException bad(IOException e) {
        return new IllegalArgumentException("bad JSON: " + e.getMessage(), e);
    }
}
