package dev.workitems.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.workitems.ApprovalItem;
import dev.workitems.Caller;
import dev.workitems.ListQuery;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemState;
import dev.workitems.WorkItems;
import dev.workitems.testkit.Fixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reads answered from the items a service remembers, through two host instances (two stores, two services, two caches)
 * on one database: a remembered item answers a read only while the row still holds its version, so each instance reads
 * the other's changes at once.
 */
class KnownItemsTest {

    @Test
    void sqliteInstancesReadEachOthersChanges() {
        java.nio.file.Path file = SqliteStores.newFile();
        try (JdbcWorkItemRepository a = JdbcWorkItemRepository.sqlite(file);
                JdbcWorkItemRepository b = JdbcWorkItemRepository.sqlite(file)) {
            instancesReadEachOthersChanges(a, b);
        }
    }

    @Test
    void postgresInstancesReadEachOthersChanges() {
        String url = PostgresStores.urlFor(PostgresStores.newSchema());
        try (JdbcWorkItemRepository a = postgres(url);
                JdbcWorkItemRepository b = postgres(url)) {
            instancesReadEachOthersChanges(a, b);
        }
    }

    private static JdbcWorkItemRepository postgres(String url) {
        return JdbcWorkItemRepository.builder()
                .jdbcUrl(url)
                .username(PostgresStores.user())
                .password(PostgresStores.password())
                .maximumPoolSize(2)
                .build();
    }

    private static void instancesReadEachOthersChanges(JdbcWorkItemRepository storeA, JdbcWorkItemRepository storeB) {
        Fixture fx = new Fixture(storeA);
        WorkItems a = fx.service();
        WorkItems b = secondInstance(fx, storeB);
        WorkItem first = fx.approval(Fixture.FRED, 2);
        fx.tick(1); // the second is created after the first: the pages' order
        WorkItem second = fx.approval(Fixture.FRED, 2);
        ListQuery firstPage = new ListQuery(Fixture.FRED, 10, 0, false);
        ListQuery pastFirst = new ListQuery(Fixture.FRED, 10, 1, false);

        WorkItem seen = a.get(Fixture.admin(), second.id());
        assertEquals(second, seen, "a reads what it created");
        assertSame(seen, a.get(Fixture.admin(), second.id()), "a read of an unchanged row is answered from memory");
        assertSame(seen, a.listPending(Fixture.admin(), firstPage).items().get(1), "so is a page's row");
        assertSame(seen, a.listPending(Fixture.admin(), pastFirst).items().get(0), "and a deeper page's row");

        WorkItem approved = b.approve(
                Fixture.user(Fixture.FRED),
                second.id(),
                second.approvalItems().get(0).id());
        assertEquals(2, approved.version(), "b approved one approval item");
        WorkItem read = a.get(Fixture.admin(), second.id());
        assertNotSame(seen, read, "a does not answer from memory once the row holds another version");
        assertEquals(approved, read, "a reads b's change at once");
        assertEquals(
                List.of(first, approved),
                a.listPending(Fixture.admin(), firstPage).items(),
                "a's first page holds b's change");
        assertEquals(
                List.of(approved), a.listPending(Fixture.admin(), pastFirst).items(), "and so does a deeper page");

        WorkItem all = a.bulkApprove(Fixture.user(Fixture.FRED), second.id());
        assertEquals(3, all.version(), "a's write starts from b's version and applies");
        assertEquals(
                List.of(WorkItemState.FINISHED, WorkItemState.FINISHED),
                all.approvalItems().stream().map(ApprovalItem::state).toList(),
                "a approved the rest");
        assertEquals(all, b.get(Fixture.admin(), second.id()), "b reads a's change at once");
        assertEquals(
                List.of(first, all), b.listPending(Fixture.admin(), firstPage).items(), "and on its page");
    }

    @Test
    void aPageReadAgainAnswersEveryChangeToItsRows() {
        // On SQLite a page answered from known items is kept whole and compared row by row on the next read of the
        // same query: every change to a row, a row leaving and a row joining must still be read.
        java.nio.file.Path file = SqliteStores.newFile();
        try (JdbcWorkItemRepository store = JdbcWorkItemRepository.sqlite(file);
                JdbcWorkItemRepository otherStore = JdbcWorkItemRepository.sqlite(file)) {
            Fixture fx = new Fixture(store);
            WorkItems s = fx.service();
            WorkItems other = secondInstance(fx, otherStore);
            WorkItem a = fx.generic(Fixture.FRED);
            fx.tick(1);
            WorkItem b = fx.approval(Fixture.FRED, 3);
            fx.tick(1);
            WorkItem c = fx.generic(Fixture.FRED);
            ListQuery page = new ListQuery(Fixture.FRED, 10, 0, false);
            ListQuery past = new ListQuery(Fixture.FRED, 10, 1, false);

            List<WorkItem> first = s.listPending(Fixture.admin(), page).items();
            assertEquals(List.of(a, b, c), first);
            List<WorkItem> again = s.listPending(Fixture.admin(), page).items();
            assertEquals(first, again, "read again unchanged");
            for (int i = 0; i < 3; i++) {
                assertSame(first.get(i), again.get(i), "from memory");
            }

            Caller fred = Fixture.user(Fixture.FRED);
            WorkItem b2 = s.approve(fred, b.id(), b.approvalItems().get(0).id());
            assertEquals(
                    List.of(a, b2, c), s.listPending(Fixture.admin(), page).items(), "a row in the middle changed");
            assertEquals(List.of(b2, c), s.listPending(Fixture.admin(), past).items(), "and past the first row");
            // Another instance changes the row again in the same millisecond: only the version tells the two apart.
            WorkItem b3 = other.approve(fred, b.id(), b.approvalItems().get(1).id());
            assertEquals(b2.modified(), b3.modified());
            assertEquals(List.of(a, b3, c), s.listPending(Fixture.admin(), page).items(), "a change not seen here");

            s.complete(fred, c.id());
            assertEquals(List.of(a, b3), s.listPending(Fixture.admin(), page).items(), "the last row left");
            assertEquals(List.of(a, b3), s.listPending(Fixture.admin(), page).items(), "and read again");

            fx.tick(1);
            WorkItem d = fx.generic(Fixture.FRED);
            assertEquals(List.of(a, b3, d), s.listPending(Fixture.admin(), page).items(), "a row joined at the end");

            s.complete(fred, a.id());
            assertEquals(List.of(b3, d), s.listPending(Fixture.admin(), page).items(), "the first row left");
            assertEquals(List.of(d), s.listPending(Fixture.admin(), past).items(), "and the rest moved up");
        }
    }

    @Test
    void aDatabaseFilledAgainUnderTheSameIdsIsNotTakenForTheOneSeen() throws Exception {
        java.nio.file.Path file = SqliteStores.newFile();
        try (JdbcWorkItemRepository a = JdbcWorkItemRepository.sqlite(file);
                JdbcWorkItemRepository b = JdbcWorkItemRepository.sqlite(file)) {
            Fixture fx = new Fixture(a);
            WorkItems other = secondInstance(fx, b);
            String id = "0123456789abcdef0123456789abcdef";
            WorkItem seen = fx.service().create(generic(id, "the first database's item"));
            assertSame(seen, fx.service().get(Fixture.admin(), id), "a remembers what it created");

            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
                    java.sql.Statement st = c.createStatement()) {
                st.execute("PRAGMA busy_timeout = 10000");
                for (String table : List.of("workitems_event", "workitems_work_item", "workitems_owner_count")) {
                    st.execute("DELETE FROM " + table); // a restored backup or a reloaded test database
                }
            }
            fx.tick(1_000);
            WorkItem again = other.create(generic(id, "the second database's item"));
            assertEquals(seen.version(), again.version(), "the same id at the same version");
            assertEquals(again, fx.service().get(Fixture.admin(), id), "a reads the item the database holds now");
            assertEquals(
                    List.of(again),
                    fx.service()
                            .listPending(Fixture.admin(), new ListQuery(Fixture.FRED, 10, 0, false))
                            .items(),
                    "and so does its page");
        }
    }

    /** @return another host instance's service on {@code store}: the fixture's people and clock, its own cache */
    private static WorkItems secondInstance(Fixture fx, JdbcWorkItemRepository store) {
        return WorkItems.builder()
                .storage(store)
                .identities(fx.directory())
                .clock(fx.clock())
                .build();
    }

    private static dev.workitems.NewWorkItem generic(String id, String description) {
        return dev.workitems.NewWorkItem.builder()
                .id(id)
                .type(dev.workitems.WorkItemType.GENERIC)
                .description(description)
                .ownerId(Fixture.FRED)
                .build();
    }
}
