package dev.workitems.spi;

import java.util.Objects;

/**
 * A page of one owner's pending or completed list, in the contract's order: {@code created} ascending, then
 * {@code id} ascending (D2).
 *
 * @param ownerId whose items
 * @param kind    which list
 * @param offset  how many items to skip, &gt;= 0
 * @param limit   at most how many to return, &gt;= 0
 */
public record PageQuery(String ownerId, ListKind kind, int offset, int limit) {

    /** @throws IllegalArgumentException on a negative offset or limit */
    public PageQuery {
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(kind, "kind");
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must be >= 0");
        }
    }
}
