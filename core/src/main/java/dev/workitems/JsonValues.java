package dev.workitems;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;

/**
 * Deep, unmodifiable copies of JSON-shaped values (maps with string keys, lists, strings, numbers, booleans, nulls).
 * Records holding free-form data (form items, account selections, history data) use it so that they are immutable all
 * the way down, which is also what makes storing them without further copying safe.
 *
 * <p>Numbers are made canonical so that a value read back from JSON text equals the value stored: whole numbers become
 * {@code Long} (or {@code BigInteger} beyond the long range), others {@code BigDecimal}.
 *
 * <p>The maps and lists it makes are its own {@link FrozenMap} and {@link FrozenList}: deeply immutable and canonical
 * already, so "copying" one returns it as it is. A change that keeps an item's selection, or a feed event made from a
 * history event, then shares the data instead of copying it once more per record.
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
        if (map instanceof FrozenMap frozen) {
            checkDepth(depth + frozen.height, field);
            return frozen;
        }
        if (map.isEmpty()) {
            return FrozenMap.EMPTY; // many history events carry no data: one shared instance
        }
        LinkedHashMap<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
        int height = 1;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new InvalidRequestException(field + " must have string keys", field);
            }
            Checks.text(key, field);
            Object value = copyValue(e.getValue(), field, depth + 1);
            out.put(key, value);
            height = Math.max(height, 1 + height(value));
        }
        return new FrozenMap(out, height);
    }

    private static int height(Object value) {
        return value instanceof FrozenMap m ? m.height : value instanceof FrozenList l ? l.height : 0;
    }

    private static void checkDepth(int depth, String field) {
        if (depth > MAX_DEPTH) {
            throw new InvalidRequestException(field + " is nested deeper than " + MAX_DEPTH + " levels", field);
        }
    }

    private static Object copyValue(Object v, String field, int depth) {
        checkDepth(depth, field);
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
        if (v instanceof FrozenList frozen) {
            checkDepth(depth + frozen.height, field);
            return frozen;
        }
        if (v instanceof List<?> l) {
            Object[] out = new Object[l.size()];
            int height = 1;
            int i = 0;
            for (Object o : l) {
                Object value = copyValue(o, field, depth + 1);
                out[i++] = value;
                height = Math.max(height, 1 + height(value));
            }
            return new FrozenList(out, height);
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

    /** A JSON object this class made: deeply immutable, canonical, in insertion order. */
    static final class FrozenMap extends AbstractMap<String, Object> {
        static final FrozenMap EMPTY = new FrozenMap(new LinkedHashMap<>(), 1);

        private final Map<String, Object> map;
        /** How many levels of objects and arrays it holds, itself included: a bound on the depth it adds. */
        private final int height;

        private FrozenMap(LinkedHashMap<String, Object> map, int height) {
            this.map = Collections.unmodifiableMap(map);
            this.height = height;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return map.entrySet();
        }

        @Override
        public Object get(Object key) {
            return map.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public int size() {
            return map.size();
        }
    }

    /** A JSON array this class made: deeply immutable and canonical. */
    static final class FrozenList extends AbstractList<Object> implements RandomAccess {
        private final Object[] items;
        private final int height;

        private FrozenList(Object[] items, int height) {
            this.items = items;
            this.height = height;
        }

        @Override
        public Object get(int index) {
            return items[index];
        }

        @Override
        public int size() {
            return items.length;
        }
    }
}
