package dev.workitems.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workitems.HistoryAction;
import dev.workitems.HistoryEvent;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemState;
import dev.workitems.WorkItemType;
import dev.workitems.spi.ListKind;
import dev.workitems.spi.OwnerCounts;
import dev.workitems.spi.PageQuery;
import dev.workitems.spi.WorkItemWrite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Bulk import: chunks commit with their counters and events; existing ids are skipped. */
class ImportTest {

    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");

    private static WorkItemWrite write(int i, String owner, boolean completed) {
        Instant created = T0.plusMillis(i);
        WorkItem w = WorkItem.builder()
                .id(String.format("item-%06d", i))
                .ownerId(owner)
                .ownerName(owner)
                .created(created)
                .description("imported " + i)
                .type(WorkItemType.GENERIC)
                .state(completed ? WorkItemState.CANCELED : WorkItemState.PENDING)
                .completed(completed ? created : null)
                .build();
        return new WorkItemWrite(
                w, List.of(new HistoryEvent(w.id(), 1, created, "importer", HistoryAction.CREATED, null, Map.of())));
    }

    private static void importsAcrossChunksAndSkipsExistingIds(Supplier<JdbcWorkItemRepository> open) {
        try (JdbcWorkItemRepository store = open.get()) {
            store.insert(write(7, "owner-x", false)); // already there: the import must skip it
            List<WorkItemWrite> writes = new ArrayList<>();
            for (int i = 0; i < 12_000; i++) {
                writes.add(write(i, "owner-" + (i % 3), i % 4 == 0));
            }
            assertEquals(11_999, store.importItems(writes));
            assertEquals(0, store.importItems(List.of()));
            long pending = 0;
            long completed = 0;
            for (String owner : List.of("owner-0", "owner-1", "owner-2")) {
                OwnerCounts c = store.counts(owner);
                assertEquals(
                        store.findPage(new PageQuery(owner, ListKind.PENDING, 0, Integer.MAX_VALUE))
                                .size(),
                        c.pending());
                assertEquals(
                        store.findPage(new PageQuery(owner, ListKind.COMPLETED, 0, Integer.MAX_VALUE))
                                .size(),
                        c.completed());
                pending += c.pending();
                completed += c.completed();
            }
            assertEquals(11_999, pending + completed);
            assertEquals(new OwnerCounts(1, 0), store.counts("owner-x"), "the existing item kept its owner and count");
            assertEquals(1, store.history("item-000007").size());
            assertEquals(1, store.history("item-011999").size());
            assertEquals(0, store.importItems(writes.subList(0, 10)), "importing again inserts nothing");
        }
    }

    @Test
    void sqliteImport() {
        importsAcrossChunksAndSkipsExistingIds(SqliteStores::open);
    }

    @Test
    void postgresImport() {
        importsAcrossChunksAndSkipsExistingIds(() -> JdbcWorkItemRepository.builder()
                .jdbcUrl(PostgresStores.urlFor(PostgresStores.newSchema()))
                .username(PostgresStores.user())
                .password(PostgresStores.password())
                .build());
    }
}
