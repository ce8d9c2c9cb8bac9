package dev.workitems;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, unmodifiable copies of JSON-shaped values (maps with string keys, lists, strings, numbers, booleans, nulls).
 * Records holding free-form data (form items, account selections, history data) use it so that they are immutable all
 * the way down, which is also what makes storing them without further copying safe.
 *
 * <p>Numbers are made canonical so that a value read back from JSON text equals the value stored: whole numbers become
 * {@code Long} (or {@code BigInteger} beyond the long range), others {@code BigDecimal}.
 */
final class JsonValues {
    private static final int MAX_DEPTH = 32;

    private JsonValues() {}

    /**
     * @param map the map to copy, may be null
     * @param field the field name for error messages
     * @return null for null, else an unmodifiable deep copy keeping insertion order
     * @throws InvalidRequestException if a key is null or a value is not JSON-shaped
     */
    static Map<String, Object> copyObject(Map<String, ?> map, String field) {
        return map == null ? null : copyMap(map, field, 0);
    }

    /**
     * @param list the list of objects to copy, may be null
     * @param field the field name for error messages
     * @return an unmodifiable deep copy, empty for null
     */
    static List<Map<String, Object>> copyObjects(List<? extends Map<String, ?>> list, String field) {
        if (list == null) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>(list.size());
        for (Map<String, ?> m : list) {
            if (m == null) {
                throw new InvalidRequestException(field + " must not contain null entries", field);
            }
            out.add(copyMap(m, field, 1));
        }
        return Collections.unmodifiableList(out);
    }

    private static Map<String, Object> copyMap(Map<?, ?> map, String field, int depth) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new InvalidRequestException(field + " must have string keys", field);
            }
            Checks.text(key, field);
            out.put(key, copyValue(e.getValue(), field, depth + 1));
        }
        return Collections.unmodifiableMap(out);
    }

    private static Object copyValue(Object v, String field, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidRequestException(field + " is nested deeper than " + MAX_DEPTH + " levels", field);
        }
        if (v instanceof String s) {
            return Checks.text(s, field);
        }
        if (v == null || v instanceof Boolean || v instanceof Long) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        if (v instanceof BigDecimal d) {
            return canonical(d);
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                throw new InvalidRequestException(field + " holds a number JSON cannot carry: " + d, field);
            }
            return canonical(BigDecimal.valueOf(d));
        }
        if (v instanceof Map<?, ?> m) {
            return copyMap(m, field, depth);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(copyValue(o, field, depth + 1));
            }
            return Collections.unmodifiableList(out);
        }
        throw new InvalidRequestException(
                field + " holds a value that is not JSON: " + v.getClass().getSimpleName(), field);
    }

    /**
     * @param d a decimal
     * @return a whole number as Long or BigInteger, else the decimal as given
     */
    static Object canonical(BigDecimal d) {
        if (d.scale() == 0) {
            BigInteger b = d.unscaledValue();
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        return d;
    }
}
