package dev.workitems;

import java.util.ArrayList;
import java.util.Collections;
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
        List<T> out = new ArrayList<>(list.size());
        for (T t : list) {
            out.add(notNull(t, field + "[]"));
        }
        return Collections.unmodifiableList(out);
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
}
