package dev.workitems;

import java.time.Instant;
import java.util.Objects;

/**
 * A place in a pending or completed list, between two items of the contract's order ({@code created} ascending, then
 * {@code id} ascending, D2). A query that starts {@linkplain ListQuery#after(ListPosition) after} a position reads the
 * items that sort after it: keyset paging, whose cost does not grow with the depth of the page (an offset has to be
 * counted off item by item), and which neither skips nor repeats items when earlier ones leave the list between two
 * reads (with offsets, every item that leaves shifts the rest one place).
 *
 * <p>Not part of the V2024 wire contract (its lists page by offset); a Java host uses it directly.
 *
 * @param created the created time of the item the position follows
 * @param id the id of the item the position follows
 */
public record ListPosition(Instant created, String id) implements Comparable<ListPosition> {

    /** @throws InvalidRequestException if either part is missing */
    public ListPosition {
        if (created == null || id == null) {
            throw new InvalidRequestException(
                    InvalidRequestException.BAD_REQUEST_CONTENT,
                    java.util.List.of("a list position needs the created time and the id of an item"),
                    java.util.List.of("after"));
        }
        id = Checks.text(id, "after");
    }

    /** @param item the last item read @return the position just after it */
    public static ListPosition after(WorkItem item) {
        Objects.requireNonNull(item, "item");
        return new ListPosition(item.created(), item.id());
    }

    /** @param item an item @return whether it sorts after this position */
    public boolean precedes(WorkItem item) {
        return compareTo(after(item)) < 0;
    }

    @Override
    public int compareTo(ListPosition o) {
        int c = created.compareTo(o.created);
        return c != 0 ? c : id.compareTo(o.id);
    }
}
