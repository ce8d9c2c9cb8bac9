package dev.workitems;

import java.util.List;

/** Argument checks that raise the library's invalid-request error, naming the field. */
final class Checks {
    private Checks() {}

    /**
     * @param value the value
     * @param field its name
     * @param <T> its type
     * @return the value
     * @throws InvalidRequestException if null
     */
    static <T> T notNull(T value, String field) {
        if (value == null) {
            throw new InvalidRequestException(field + " is required", field);
        }
        if (value instanceof String s) {
            text(s, field);
        }
        return value;
    }

    /**
     * @param value the text, may be null
     * @param field its name
     * @return the text
     * @throws InvalidRequestException if it holds U+0000, which no SQL database can store in text
     */
    static String text(String value, String field) {
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw new InvalidRequestException(field + " must not contain the NUL character (U+0000)", field);
        }
        return value;
    }

    /**
     * @param value the text
     * @param field its name
     * @return the text
     * @throws InvalidRequestException if null or blank
     */
    static String notBlank(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field + " is required and must not be blank", field);
        }
        return text(value, field);
    }

    /**
     * @param list the list, may be null
     * @param field its name
     * @param <T> element type
     * @return an unmodifiable copy, or null for null
     * @throws InvalidRequestException if an element is null
     */
    static <T> List<T> copyNullable(List<T> list, String field) {
        if (list == null) {
            return null;
        }
        if (list instanceof Frozen<T>) {
            return list; // made here, so already a checked, unmodifiable copy
        }
        Object[] out = new Object[list.size()];
        int i = 0;
        for (T t : list) {
            out[i++] = notNull(t, field + "[]");
        }
        return new Frozen<>(out);
    }

    /** An unmodifiable list of non-null elements this class copied: copying it again returns it as it is. */
    private static final class Frozen<T> extends java.util.AbstractList<T> implements java.util.RandomAccess {
        private final Object[] items;

        private Frozen(Object[] items) {
            this.items = items;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T get(int index) {
            return (T) items[index];
        }

        @Override
        public int size() {
            return items.length;
        }
    }

    /**
     * @param list the list, may be null
     * @param field its name
     * @param <T> element type
     * @return an unmodifiable copy, empty for null
     * @throws InvalidRequestException if an element is null
     */
    static <T> List<T> copy(List<T> list, String field) {
        return list == null ? List.of() : copyNullable(list, field);
    }

    /**
     * Refuses a request with every problem found in it, if there is any.
     *
     * @param causes one sentence per problem
     * @param fields the fields at fault, in the order of the causes
     * @param onlyUnknownReferences true if every problem is a reference to something that does not exist
     * @throws InvalidRequestException with {@code 400.1.404} when only references are unknown, else {@code 400.1}
     */
    static void refuseIfAny(List<String> causes, List<String> fields, boolean onlyUnknownReferences) {
        if (!causes.isEmpty()) {
            throw new InvalidRequestException(
                    onlyUnknownReferences
                            ? InvalidRequestException.REFERENCED_OBJECT_NOT_FOUND
                            : InvalidRequestException.BAD_REQUEST_CONTENT,
                    causes,
                    fields);
        }
    }
}
