package dev.workitems;

import java.util.List;

/**
 * One page of a list, and the size of the whole list when it was asked for (D4).
 *
 * @param items the items of this page, in the list's order
 * @param total the size of the whole list for that owner, or null when the query did not ask for it
 * @param <T> the item type
 */
public record Page<T>(List<T> items, Long total) {

    /** Copies the items. */
    public Page {
        items = List.copyOf(items);
    }
}
