package dev.workitems.storage.jdbc.internal;

import dev.workitems.internal.JsonValues;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON writer and reader for the documents this store keeps in text columns (approval items,
 * forms, selections, event data). It reads back exactly the canonical values {@link JsonValues} produces:
 * objects as insertion-ordered maps, arrays as lists, whole numbers as Long or BigInteger, others as BigDecimal.
 */
public final class Json {
    private Json() {
    }

    /** @param value a JSON-shaped value @return its JSON text */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder(64);
        write(sb, value);
        return sb.toString();
    }

    static void write(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            string(sb, s);
        } else if (v instanceof Boolean || v instanceof Long || v instanceof Integer || v instanceof BigInteger) {
            sb.append(v);
        } else if (v instanceof BigDecimal d) {
            sb.append(d.toString());
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(sb, (String) e.getKey());
                sb.append(':');
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(sb, l.get(i));
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + v.getClass());
        }
    }

    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** @param text JSON text, or null @return the value (null for null text) */
    public static Object read(String text) {
        if (text == null) {
            return null;
        }
        Reader r = new Reader(text);
        Object v = r.value();
        r.skipSpace();
        if (r.pos != text.length()) {
            throw r.error("trailing characters");
        }
        return v;
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

    /**
     * Reads an array of flat objects (approval items, say) straight into their values, without a map per object:
     * a page of 250 items has 750 of them.
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
        Reader r = new Reader(text);
        r.skipSpace();
        r.expect('[');
        List<String[]> out = new ArrayList<>();
        r.skipSpace();
        if (r.peek() == ']') {
            r.pos++;
        } else {
            while (true) {
                r.skipSpace();
                out.add(r.flatObject(keys));
                r.skipSpace();
                char c = r.next();
                if (c == ']') {
                    break;
                }
                if (c != ',') {
                    throw r.error("expected , or ]");
                }
            }
        }
        r.skipSpace();
        if (r.pos != text.length()) {
            throw r.error("trailing characters");
        }
        return out;
    }

    private static final class Reader {
        private final String s;
        private int pos;

        Reader(String s) {
            this.s = s;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("bad JSON at " + pos + ": " + what);
        }

        void skipSpace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                    return;
                }
                pos++;
            }
        }

        Object value() {
            skipSpace();
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 't':
                    literal("true");
                    return Boolean.TRUE;
                case 'f':
                    literal("false");
                    return Boolean.FALSE;
                case 'n':
                    literal("null");
                    return null;
                default:
                    return number();
            }
        }

        void literal(String word) {
            if (!s.startsWith(word, pos)) {
                throw error("expected " + word);
            }
            pos += word.length();
        }

        Map<String, Object> object() {
            pos++;
            LinkedHashMap<String, Object> m = new LinkedHashMap<>();
            skipSpace();
            if (peek() == '}') {
                pos++;
                return m;
            }
            while (true) {
                skipSpace();
                if (peek() != '"') {
                    throw error("expected a key");
                }
                String key = string();
                skipSpace();
                expect(':');
                m.put(key, value());
                skipSpace();
                char c = next();
                if (c == '}') {
                    return m;
                }
                if (c != ',') {
                    throw error("expected , or }");
                }
            }
        }

        /** An object of which only {@code keys} are kept, as strings; other members are read and dropped. */
        String[] flatObject(String[] keys) {
            expect('{');
            String[] values = new String[keys.length];
            skipSpace();
            if (peek() == '}') {
                pos++;
                return values;
            }
            while (true) {
                skipSpace();
                if (peek() != '"') {
                    throw error("expected a key");
                }
                int k = key(keys);
                skipSpace();
                expect(':');
                Object v = value();
                if (k >= 0) {
                    if (v != null && !(v instanceof String)) {
                        throw error(keys[k] + " must be a string");
                    }
                    values[k] = (String) v;
                }
                skipSpace();
                char c = next();
                if (c == '}') {
                    return values;
                }
                if (c != ',') {
                    throw error("expected , or }");
                }
            }
        }

        /** Reads a key and returns its index in {@code keys}, or -1; a key without escapes is compared in place. */
        int key(String[] keys) {
            int start = pos + 1;
            int end = s.indexOf('"', start);
            if (end < 0) {
                throw error("unterminated string");
            }
            boolean escaped = false;
            for (int i = start; i < end && !escaped; i++) {
                escaped = s.charAt(i) == '\\';
            }
            if (!escaped) {
                pos = end + 1;
                int length = end - start;
                for (int i = 0; i < keys.length; i++) {
                    if (keys[i].length() == length && s.regionMatches(start, keys[i], 0, length)) {
                        return i;
                    }
                }
                return -1;
            }
            String key = string();
            for (int i = 0; i < keys.length; i++) {
                if (keys[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }

        List<Object> array() {
            pos++;
            ArrayList<Object> l = new ArrayList<>();
            skipSpace();
            if (peek() == ']') {
                pos++;
                return l;
            }
            while (true) {
                l.add(value());
                skipSpace();
                char c = next();
                if (c == ']') {
                    return l;
                }
                if (c != ',') {
                    throw error("expected , or ]");
                }
            }
        }

        String string() {
            pos++;
            int start = pos;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '"') {
                    return s.substring(start, pos++);
                }
                if (c == '\\') {
                    break;
                }
                pos++;
            }
            StringBuilder sb = new StringBuilder(s.substring(start, pos));
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw error("short \\u escape");
                        }
                        sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> throw error("bad escape \\" + e);
                }
            }
            throw error("unterminated string");
        }

        Object number() {
            int start = pos;
            boolean decimal = false;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c >= '0' && c <= '9' || c == '-' || c == '+') {
                    pos++;
                } else if (c == '.' || c == 'e' || c == 'E') {
                    decimal = true;
                    pos++;
                } else {
                    break;
                }
            }
            if (start == pos) {
                throw error("unexpected character");
            }
            String t = s.substring(start, pos);
            try {
                if (!decimal) {
                    if (t.length() < 19) {
                        return Long.parseLong(t);
                    }
                    BigInteger b = new BigInteger(t);
                    return b.bitLength() < 64 ? (Object) b.longValue() : b;
                }
                return new BigDecimal(t);
            } catch (NumberFormatException e) {
                throw error("bad number " + t);
            }
        }

        char peek() {
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            return s.charAt(pos);
        }

        char next() {
            char c = peek();
            pos++;
            return c;
        }

        void expect(char c) {
            if (next() != c) {
                throw error("expected " + c);
            }
        }
    }
}
