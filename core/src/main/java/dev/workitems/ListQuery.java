package dev.workitems;

import java.util.ArrayList;
import java.util.List;

/**
 * Which page of a pending or completed list to read (D2–D4): an optional owner (absent means the caller), {@code limit}
 * 0..250 (default 250), {@code offset} &gt;= 0 (default 0), and whether to compute the total.
 *
 * @param ownerId whose items; null means the caller's own
 * @param limit at most this many items, 0..{@value #MAX_LIMIT}
 * @param offset skip this many items first, &gt;= 0
 * @param count whether the page carries the size of the whole list
 * @param after if not null, the page starts after this position (keyset paging; the offset then counts from there); not
 *     part of the V2024 wire contract
 */
public record ListQuery(String ownerId, int limit, int offset, boolean count, ListPosition after) {

    /** The largest page the contract allows. */
    public static final int MAX_LIMIT = 250;
    /** The page size when none is given. */
    public static final int DEFAULT_LIMIT = 250;

    /** @throws InvalidRequestException naming every bad parameter, one cause each */
    public ListQuery {
        List<String> causes = new ArrayList<>();
        List<String> params = new ArrayList<>();
        if (limit < 0 || limit > MAX_LIMIT) {
            causes.add("limit must be between 0 and " + MAX_LIMIT + ", was " + limit);
            params.add("limit");
        }
        if (offset < 0) {
            causes.add("offset must be 0 or more, was " + offset);
            params.add("offset");
        }
        if (ownerId != null && ownerId.isBlank()) {
            causes.add("ownerId must not be blank");
            params.add("ownerId");
        }
        if (!causes.isEmpty()) {
            throw new InvalidRequestException(InvalidRequestException.BAD_REQUEST_CONTENT, causes, params);
        }
    }

    /**
     * A query by offset, the V2024 way.
     *
     * @param ownerId whose items; null means the caller's own
     * @param limit at most this many items, 0..{@value #MAX_LIMIT}
     * @param offset skip this many items first, &gt;= 0
     * @param count whether the page carries the size of the whole list
     * @throws InvalidRequestException naming every bad parameter
     */
    public ListQuery(String ownerId, int limit, int offset, boolean count) {
        this(ownerId, limit, offset, count, null);
    }

    /** @return the caller's own first page of {@value #DEFAULT_LIMIT}, without a total */
    public static ListQuery firstPage() {
        return new ListQuery(null, DEFAULT_LIMIT, 0, false);
    }

    /**
     * @param limit the page size
     * @param offset the offset
     * @return the caller's own page, without a total
     */
    public static ListQuery page(int limit, int offset) {
        return new ListQuery(null, limit, offset, false);
    }

    /** @param ownerId whose items @return a copy for that owner */
    public ListQuery forOwner(String ownerId) {
        return new ListQuery(ownerId, limit, offset, count, after);
    }

    /** @return a copy that also computes the total */
    public ListQuery withCount() {
        return new ListQuery(ownerId, limit, offset, true, after);
    }

    /**
     * Keyset paging: the items after a position, whatever their number before it. The next page of a walk starts
     * {@code after(ListPosition.after(lastItemOfThisPage))}, costs the same at any depth, and skips or repeats nothing
     * when items leave the list between reads.
     *
     * @param position where the page starts (exclusive); null to start at the beginning
     * @return a copy that starts after the position, with offset 0
     */
    public ListQuery after(ListPosition position) {
        return new ListQuery(ownerId, limit, 0, count, position);
    }

    /**
     * Reads the query parameters as text, the way an HTTP layer receives them. Absent (null) values take their
     * defaults. Every bad value is reported, each cause naming its parameter (D3).
     *
     * @param ownerId the {@code ownerId} parameter, may be null
     * @param limit the {@code limit} parameter, may be null
     * @param offset the {@code offset} parameter, may be null
     * @param count the {@code count} parameter ({@code true} or {@code false}), may be null
     * @return the query
     * @throws InvalidRequestException naming every bad parameter
     */
    public static ListQuery parse(String ownerId, String limit, String offset, String count) {
        List<String> causes = new ArrayList<>();
        List<String> params = new ArrayList<>();
        Integer l = parseInt("limit", limit, DEFAULT_LIMIT, causes, params);
        if (l != null && (l < 0 || l > MAX_LIMIT)) {
            causes.add("limit must be between 0 and " + MAX_LIMIT + ", was " + l);
            params.add("limit");
        }
        Integer o = parseInt("offset", offset, 0, causes, params);
        if (o != null && o < 0) {
            causes.add("offset must be 0 or more, was " + o);
            params.add("offset");
        }
        if (count != null && !count.equals("true") && !count.equals("false")) {
            causes.add("count must be true or false, was '" + count + "'");
            params.add("count");
        }
        if (!causes.isEmpty()) {
            throw new InvalidRequestException(InvalidRequestException.BAD_REQUEST_CONTENT, causes, params);
        }
        return new ListQuery(ownerId, l, o, "true".equals(count));
    }

    private static Integer parseInt(String name, String text, int dflt, List<String> causes, List<String> params) {
        if (text == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            causes.add(name + " must be an integer, was '" + text + "'");
            params.add(name);
            return null;
        }
    }
}
