package dev.workitems.spi;

import dev.workitems.ListPosition;
import java.util.Objects;

/**
 * A page of one owner's pending or completed list, in the contract's order: {@code created} ascending, then {@code id}
 * ascending (D2).
 *
 * @param ownerId whose items
 * @param kind which list
 * @param offset how many items to skip, &gt;= 0
 * @param limit at most how many to return, &gt;= 0
 * @param after if not null, only items that sort after this position, and the offset counts from there
 */
public record PageQuery(String ownerId, ListKind kind, int offset, int limit, ListPosition after) {

    /**
     * A page by offset from the start of the list.
     *
     * @param ownerId whose items
     * @param kind which list
     * @param offset how many items to skip, &gt;= 0
     * @param limit at most how many to return, &gt;= 0
     */
    public PageQuery(String ownerId, ListKind kind, int offset, int limit) {
        this(ownerId, kind, offset, limit, null);
    }

    /** @throws IllegalArgumentException on a negative offset or limit */
    public PageQuery {
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(kind, "kind");
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must be >= 0");
        }
    }
}
