package dev.workitems.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workitems.HistoryAction;
import dev.workitems.HistoryEvent;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemType;
import dev.workitems.spi.ListKind;
import dev.workitems.spi.OwnerCounts;
import dev.workitems.spi.PageQuery;
import dev.workitems.spi.WorkItemWrite;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite store keeps prepared statements per connection. A kept statement must not keep a read open: the next read
 * on that connection has to see what other connections committed since. The data source here hands out its three
 * connections in turn, so every call of the store runs on another connection than the one before.
 */
class SqliteConnectionReuseTest {

    /** Three real SQLite connections, handed out round robin; closing one only gives it back. */
    private static final class RoundRobin implements DataSource, AutoCloseable {
        private final List<Connection> connections = new ArrayList<>();
        private int next;

        RoundRobin(Path file) throws SQLException {
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setBusyTimeout(10_000);
            for (int i = 0; i < 3; i++) {
                connections.add(DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties()));
            }
        }

        @Override
        public synchronized Connection getConnection() {
            Connection real = connections.get(next++ % connections.size());
            return (Connection) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {Connection.class}, (p, m, args) -> {
                        switch (m.getName()) {
                            case "close":
                                if (!real.getAutoCommit()) {
                                    real.rollback();
                                    real.setAutoCommit(true);
                                }
                                return null;
                            case "isClosed":
                                return false;
                            case "unwrap":
                                return ((Class<?>) args[0]).isInstance(real) ? real : real.unwrap((Class<?>) args[0]);
                            case "isWrapperFor":
                                return ((Class<?>) args[0]).isInstance(real) || real.isWrapperFor((Class<?>) args[0]);
                            default:
                                try {
                                    return m.invoke(real, args);
                                } catch (java.lang.reflect.InvocationTargetException e) {
                                    throw e.getCause();
                                }
                        }
                    });
        }

        @Override
        public Connection getConnection(String u, String p) {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }

        @Override
        public void close() throws SQLException {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    @Test
    void everyReadSeesTheLatestCommitWhateverConnectionItRunsOn(@TempDir Path dir) throws Exception {
        try (RoundRobin ds = new RoundRobin(dir.resolve("reuse.db"));
                JdbcWorkItemRepository store = JdbcWorkItemRepository.builder()
                        .dataSource(ds)
                        .dialect(Dialect.SQLITE)
                        .build()) {
            Instant t0 = Instant.parse("2026-06-01T00:00:00Z");
            WorkItem item = WorkItem.builder()
                    .id("moving")
                    .ownerId("owner-0")
                    .ownerName("Owner 0")
                    .created(t0)
                    .description("passed around")
                    .type(WorkItemType.GENERIC)
                    .build();
            store.insert(new WorkItemWrite(
                    item, List.of(new HistoryEvent("moving", 1, t0, "a", HistoryAction.CREATED, null, Map.of()))));
            for (int step = 1; step <= 12; step++) {
                // every kind of read once on each connection, leaving statements cached there
                for (int i = 0; i < 3; i++) {
                    store.findById("moving");
                    store.findPage(new PageQuery(item.ownerId(), ListKind.PENDING, 0, 10));
                    store.counts(item.ownerId());
                    store.history("moving");
                }
                String owner = "owner-" + step;
                WorkItem next = item.toBuilder()
                        .ownerId(owner)
                        .ownerName(owner)
                        .version(item.version() + 1)
                        .modified(t0.plusSeconds(step))
                        .build();
                assertEquals(
                        true,
                        store.update(new WorkItemWrite(
                                next,
                                List.of(new HistoryEvent(
                                        "moving",
                                        next.version(),
                                        t0.plusSeconds(step),
                                        "a",
                                        HistoryAction.FORWARDED,
                                        null,
                                        Map.of())),
                                item)));
                for (int i = 0; i < 3; i++) {
                    assertEquals(next, store.findById("moving").orElseThrow(), "step " + step + ", read " + i);
                    assertEquals(
                            List.of(next),
                            store.findPage(new PageQuery(owner, ListKind.PENDING, 0, 10)),
                            "step " + step);
                    assertEquals(
                            List.of(),
                            store.findPage(new PageQuery(item.ownerId(), ListKind.PENDING, 0, 10)),
                            "step " + step);
                    assertEquals(new OwnerCounts(1, 0), store.counts(owner), "step " + step);
                    assertEquals(
                            OwnerCounts.NONE.pending(),
                            store.counts(item.ownerId()).pending(),
                            "step " + step);
                    assertEquals(step + 1, store.history("moving").size(), "step " + step);
                }
                item = next;
            }
        }
    }
}
