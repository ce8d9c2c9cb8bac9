package dev.workitems.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.workitems.ForwardRequest;
import dev.workitems.StorageFailureException;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemSummary;
import dev.workitems.testkit.Fixture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A failure inside a write leaves nothing half-written: a trigger makes the history insert fail after the item row and
 * the counters were already changed in the same transaction; all of it must roll back.
 */
class AtomicityTest {

    private static void failingHistoryRollsBackTheWholeChange(
            Supplier<JdbcWorkItemRepository> open, String url, String user, String password, List<String> trigger)
            throws SQLException {
        try (JdbcWorkItemRepository store = open.get()) {
            Fixture fx = new Fixture(store);
            WorkItem w = fx.generic(Fixture.FRED);
            WorkItem other = fx.generic(Fixture.FRED);
            try (Connection c = DriverManager.getConnection(url, user, password);
                    Statement s = c.createStatement()) {
                for (String sql : trigger) {
                    s.execute(sql);
                }
            }
            List<Object> before = List.of(
                    fx.service().get(Fixture.admin(), w.id()),
                    fx.service().history(Fixture.admin(), w.id()),
                    fx.service().summary(Fixture.admin(), Fixture.FRED),
                    fx.service().summary(Fixture.admin(), Fixture.GINGER));

            StorageFailureException e = assertThrows(
                    StorageFailureException.class,
                    () -> fx.service()
                            .forward(Fixture.user(Fixture.FRED), w.id(), ForwardRequest.of(Fixture.GINGER, "boom")));
            assertEquals(500, e.status());

            List<Object> after = List.of(
                    fx.service().get(Fixture.admin(), w.id()),
                    fx.service().history(Fixture.admin(), w.id()),
                    fx.service().summary(Fixture.admin(), Fixture.FRED),
                    fx.service().summary(Fixture.admin(), Fixture.GINGER));
            assertEquals(before, after, "the item, its history and both owners' counters are as before");
            assertEquals(WorkItemSummary.of(2, 0), fx.service().summary(Fixture.admin(), Fixture.FRED));

            fx.service().forward(Fixture.user(Fixture.FRED), other.id(), ForwardRequest.of(Fixture.GINGER, "fine"));
            assertEquals(
                    WorkItemSummary.of(1, 0),
                    fx.service().summary(Fixture.admin(), Fixture.GINGER),
                    "other writes still work");
        }
    }

    @Test
    void sqlite() throws SQLException {
        java.nio.file.Path file = SqliteStores.newFile();
        failingHistoryRollsBackTheWholeChange(
                () -> JdbcWorkItemRepository.sqlite(file),
                "jdbc:sqlite:" + file,
                null,
                null,
                List.of("CREATE TRIGGER boom BEFORE INSERT ON workitems_event WHEN NEW.comment = 'boom' "
                        + "BEGIN SELECT RAISE(ABORT, 'injected failure'); END"));
    }

    @Test
    void postgres() throws SQLException {
        String url = PostgresStores.urlFor(PostgresStores.newSchema());
        failingHistoryRollsBackTheWholeChange(
                () -> JdbcWorkItemRepository.builder()
                        .jdbcUrl(url)
                        .username(PostgresStores.user())
                        .password(PostgresStores.password())
                        .build(),
                url,
                PostgresStores.user(),
                PostgresStores.password(),
                List.of(
                        "CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN "
                                + "IF NEW.comment = 'boom' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN "
                                + "NEW; END $$ LANGUAGE plpgsql",
                        "CREATE TRIGGER boom BEFORE INSERT ON workitems_event FOR EACH ROW EXECUTE FUNCTION boom()"));
    }
}
