package dev.workitems.storage.jdbc;

import dev.workitems.WorkItem;
import dev.workitems.spi.KnownItems;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The last pages answered wholly from known items, by query, with the keys of their rows (id, version, creation and
 * modification times) in flat arrays. A page read again finds its rows' keys equal to a kept page's, row by row, and is
 * answered with that page's list: the same item objects, which the service only ever offers in committed states that an
 * id, a version and the two times name (see {@link KnownItems}), so the answer is the state the rows hold, as a recall
 * row by row would give.
 *
 * <p>Why: asking the known items for each of 250 rows is 250 hash lookups, each a few reads of memory anywhere in the
 * heap. Inside an HTTP request, whose parsing, token check and response writing have pushed that memory out of the
 * CPU's caches, those lookups took 3.8 times as long as in a loop of page reads (JFR, a page of 250 on SQLite), and
 * were more than half of what the request added over the in-process call. Comparing a row's keys with a kept page's
 * reads consecutive memory instead: the ids of a page side by side in one string, the numbers in arrays.
 *
 * <p>At most {@value #SLOTS} pages are kept, each in the slot of its query's hash; a page that is not the same rows
 * replaces the one kept for its query. Thread-safe: a kept page is immutable and replaced whole.
 */
final class KnownPages {
    private static final int SLOTS = 16;
    private static final int SLOT_BITS = 4;

    private final AtomicReferenceArray<Kept> slots = new AtomicReferenceArray<>(SLOTS);

    /** A page: its query, its rows' keys, its items (unmodifiable, in order). */
    private static final class Kept {
        final String query;
        final String ids;
        /** Where each row's id ends in {@link #ids}. */
        final int[] ends;

        final long[] versions;
        final long[] created;
        final long[] modified;
        final List<WorkItem> items;

        Kept(String query, Keys keys) {
            this.query = query;
            this.ids = keys.ids.toString();
            this.ends = Arrays.copyOf(keys.ends, keys.n);
            this.versions = Arrays.copyOf(keys.versions, keys.n);
            this.created = Arrays.copyOf(keys.created, keys.n);
            this.modified = Arrays.copyOf(keys.modified, keys.n);
            this.items = List.copyOf(keys.items);
        }

        int size() {
            return ends.length;
        }

        boolean row(int i, String id, long version, long createdMillis, long modifiedMillis) {
            int start = i == 0 ? 0 : ends[i - 1];
            return versions[i] == version
                    && created[i] == createdMillis
                    && modified[i] == modifiedMillis
                    && ends[i] - start == id.length()
                    && ids.regionMatches(start, id, 0, id.length());
        }
    }

    /** The keys and items of the rows read so far, collected only once a row differs from the kept page. */
    private static final class Keys {
        final StringBuilder ids = new StringBuilder();
        final List<WorkItem> items = new ArrayList<>();
        int[] ends = new int[16];
        long[] versions = new long[16];
        long[] created = new long[16];
        long[] modified = new long[16];
        int n;

        void add(String id, long version, long createdMillis, long modifiedMillis, WorkItem item) {
            if (n == ends.length) {
                int capacity = n * 2;
                ends = Arrays.copyOf(ends, capacity);
                versions = Arrays.copyOf(versions, capacity);
                created = Arrays.copyOf(created, capacity);
                modified = Arrays.copyOf(modified, capacity);
            }
            ids.append(id);
            ends[n] = ids.length();
            versions[n] = version;
            created[n] = createdMillis;
            modified[n] = modifiedMillis;
            items.add(item);
            n++;
        }

        /** @return the first {@code count} rows of a kept page (none if it is null), to go on from */
        static Keys startingWith(Kept kept, int count) {
            Keys keys = new Keys();
            for (int i = 0; i < count; i++) {
                int start = i == 0 ? 0 : kept.ends[i - 1];
                keys.add(
                        kept.ids.substring(start, kept.ends[i]),
                        kept.versions[i],
                        kept.created[i],
                        kept.modified[i],
                        kept.items.get(i));
            }
            return keys;
        }
    }

    private static int slot(String query) {
        return (query.hashCode() * 0x9E3779B9) >>> (Integer.SIZE - SLOT_BITS);
    }

    /**
     * Reads the rows of a query of {@link ItemCodec#KEY_SELECT} to the end, or to the first row not known.
     *
     * @param query names the query (the same text for the same query and parameters)
     * @param rows its results
     * @param k the known items
     * @return the known item of every row, in order (empty for no rows), unmodifiable; or null if a row is not known
     * @throws SQLException if reading fails
     */
    List<WorkItem> read(String query, ResultSet rows, KnownItems k) throws SQLException {
        int slot = slot(query);
        Kept kept = slots.get(slot);
        if (kept != null && !kept.query.equals(query)) {
            kept = null;
        }
        int i = 0;
        Keys keys = null;
        while (rows.next()) {
            String id = rows.getString(1);
            long version = rows.getLong(2);
            long created = rows.getLong(3);
            long modified = rows.getLong(4);
            if (rows.wasNull()) {
                modified = KnownItems.NEVER_MODIFIED;
            }
            if (keys == null && kept != null && i < kept.size() && kept.row(i, id, version, created, modified)) {
                i++;
                continue;
            }
            if (keys == null) {
                // The first row that differs from the kept page (or there is none): from here on, collect.
                keys = Keys.startingWith(kept, i);
            }
            WorkItem w = k.recall(id, version, created, modified);
            if (w == null) {
                return null;
            }
            keys.add(id, version, created, modified, w);
            i++;
        }
        if (keys == null) {
            if (kept != null && i == kept.size()) {
                return kept.items; // the same rows as the page kept
            }
            keys = Keys.startingWith(kept, i); // fewer rows than the kept page (or none), all equal to its first ones
        }
        Kept page = new Kept(query, keys);
        slots.set(slot, page);
        return page.items;
    }
}
