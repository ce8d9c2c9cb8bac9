package dev.workitems.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.workitems.FeedEvent;
import dev.workitems.ForbiddenException;
import dev.workitems.ForwardRequest;
import dev.workitems.HistoryAction;
import dev.workitems.NewWorkItem;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemChange;
import dev.workitems.WorkItemState;
import dev.workitems.WorkItemSummary;
import dev.workitems.WorkItemType;
import dev.workitems.WorkItems;
import dev.workitems.spi.WorkItemGuard;
import dev.workitems.testkit.Fixture;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The JDBC store joined to a real transaction manager (Spring's {@code DataSourceTransactionManager}, as a Spring
 * application's {@code @Transactional} uses it) through {@link HostTransactions}, on SQLite and on PostgreSQL: the
 * host's row and its work-item calls commit together, or roll back together; the listeners hear of a change after the
 * commit and never after a rollback; outside a transaction every call commits on its own.
 */
class SpringTransactionTest {

    /** The adapter a Spring host writes (the README's and {@link HostTransactions}' example, word for word). */
    static HostTransactions spring(DataSource dataSource) {
        return new HostTransactions() {
            @Override
            public Optional<Connection> current() {
                if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                    return Optional.empty();
                }
                ConnectionHolder held = (ConnectionHolder) TransactionSynchronizationManager.getResource(dataSource);
                return held == null ? Optional.empty() : Optional.of(held.getConnection());
            }

            @Override
            public void afterCommit(Runnable action) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        action.run();
                    }
                });
            }
        };
    }

    /** A host's own pool, its transaction manager, and the store and service built on that pool. */
    private static final class Host implements AutoCloseable {
        final HikariDataSource pool;
        final TransactionTemplate tx;
        final JdbcTemplate sql;
        final JdbcWorkItemRepository store;
        final Fixture fx;
        final WorkItems svc;
        final List<WorkItemChange> told = new CopyOnWriteArrayList<>();
        final Runnable cleanup;

        Host(HikariConfig config, Runnable cleanup, WorkItemGuard... guards) {
            this.cleanup = cleanup;
            pool = new HikariDataSource(config);
            tx = new TransactionTemplate(new DataSourceTransactionManager(pool));
            sql = new JdbcTemplate(pool);
            store = JdbcWorkItemRepository.builder()
                    .dataSource(pool)
                    .hostTransactions(spring(pool))
                    .build();
            fx = new Fixture(store);
            WorkItems.Builder b = WorkItems.builder()
                    .storage(store)
                    .identities(fx.directory())
                    .clock(fx.clock())
                    .listener(told::add)
                    .listenerExecutor(Runnable::run); // told on the committing thread: no waiting
            for (WorkItemGuard g : guards) {
                b.guard(g);
            }
            svc = b.build();
            sql.execute(
                    "CREATE TABLE host_access_request (id VARCHAR(40) PRIMARY KEY, work_item_id VARCHAR(40) NOT NULL)");
        }

        int requests(String id) {
            return sql.queryForObject("SELECT count(*) FROM host_access_request WHERE id = ?", Integer.class, id);
        }

        @Override
        public void close() {
            store.close();
            pool.close();
            cleanup.run();
        }
    }

    private static Host sqlite(WorkItemGuard... guards) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl("jdbc:sqlite:" + SqliteStores.newFile());
        c.addDataSourceProperty("journal_mode", "WAL");
        c.addDataSourceProperty("busy_timeout", "10000");
        c.setMaximumPoolSize(4);
        return new Host(c, () -> {}, guards);
    }

    private static Host postgres(WorkItemGuard... guards) {
        String schema = PostgresStores.newSchema();
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(PostgresStores.urlFor(schema));
        c.setUsername(PostgresStores.user());
        c.setPassword(PostgresStores.password());
        c.setMaximumPoolSize(4);
        return new Host(c, () -> PostgresStores.execute("DROP SCHEMA " + schema + " CASCADE"), guards);
    }

    @Test
    void sqliteJoinsTheManagersTransactions() {
        try (Host host = sqlite()) {
            joinsTheManagersTransactions(host);
        }
    }

    @Test
    void postgresJoinsTheManagersTransactions() {
        try (Host host = postgres()) {
            joinsTheManagersTransactions(host);
        }
    }

    private static void joinsTheManagersTransactions(Host host) {
        WorkItems svc = host.svc;
        WorkItem outside = svc.create(NewWorkItem.builder()
                .type(WorkItemType.GENERIC)
                .description("outside")
                .ownerId(Fixture.GINGER)
                .build()); // outside any transaction: commits on its own
        assertEquals(1, host.told.size(), "a call outside a transaction is told at once");
        host.told.clear();
        WorkItemSummary fredBefore = svc.summary(Fixture.admin(), Fixture.FRED);
        int feedBefore = svc.feed(0, 10_000).size();

        // rolled back (the host method throws, as a @Transactional method would): nothing of it remains
        String[] rolledBack = new String[1];
        assertThrows(
                IllegalStateException.class,
                () -> host.tx.executeWithoutResult(status -> {
                    WorkItem w = svc.create(NewWorkItem.builder()
                            .type(WorkItemType.GENERIC)
                            .description("access for Fred")
                            .ownerId(Fixture.FRED)
                            .build());
                    rolledBack[0] = w.id();
                    host.sql.update(
                            "INSERT INTO host_access_request (id, work_item_id) VALUES (?, ?)", "req-1", w.id());
                    svc.forward(
                            Fixture.user(Fixture.GINGER),
                            outside.id(),
                            new ForwardRequest(Fixture.CYD, "inside", false));
                    assertEquals(
                            WorkItemState.PENDING,
                            svc.get(Fixture.admin(), w.id()).state(),
                            "the transaction sees its item");
                    assertEquals(List.of(), host.told, "nobody is told before the commit");
                    throw new IllegalStateException("the host's own step failed");
                }));
        assertTrue(host.store.findById(rolledBack[0]).isEmpty(), "no item");
        assertEquals(List.of(), host.store.history(rolledBack[0]), "no history");
        assertEquals(0, host.requests("req-1"), "no host row");
        assertEquals(Fixture.GINGER, svc.get(Fixture.admin(), outside.id()).ownerId(), "the forward rolled back");
        assertEquals(fredBefore, svc.summary(Fixture.admin(), Fixture.FRED), "no counter change");
        assertEquals(feedBefore, svc.feed(0, 10_000).size(), "no feed event");
        assertEquals(List.of(), host.told, "no listener heard of a rolled-back change");

        // committed: the host row and the item together; the listeners told once, after the commit
        String committed = host.tx.execute(status -> {
            WorkItem w = svc.create(NewWorkItem.builder()
                    .type(WorkItemType.GENERIC)
                    .description("access for Fred")
                    .ownerId(Fixture.FRED)
                    .build());
            host.sql.update("INSERT INTO host_access_request (id, work_item_id) VALUES (?, ?)", "req-2", w.id());
            svc.forward(Fixture.user(Fixture.GINGER), outside.id(), new ForwardRequest(Fixture.CYD, "inside", false));
            assertEquals(List.of(), host.told, "nobody is told before the commit");
            return w.id();
        });
        assertEquals(1, host.requests("req-2"));
        assertEquals(
                WorkItemState.PENDING,
                host.store.findById(committed).orElseThrow().state());
        assertEquals(
                Fixture.CYD, host.store.findById(outside.id()).orElseThrow().ownerId());
        assertEquals(
                fredBefore.open() + 1,
                svc.summary(Fixture.admin(), Fixture.FRED).open());
        List<FeedEvent> feed = svc.feed(0, 10_000);
        assertEquals(feedBefore + 2, feed.size(), "a create and a forward");
        assertEquals(
                List.of(HistoryAction.CREATED, HistoryAction.FORWARDED),
                feed.subList(feedBefore, feed.size()).stream()
                        .map(FeedEvent::action)
                        .toList());
        assertEquals(
                List.of(committed, outside.id()),
                host.told.stream().map(c -> c.after().id()).toList(),
                "told once per change, in the order made, after the commit");

        // and the items committed inside are ordinary items afterwards
        assertEquals(
                WorkItemState.FINISHED,
                svc.complete(Fixture.user(Fixture.FRED), committed).state());
        svc.forward(Fixture.user(Fixture.CYD), outside.id(), new ForwardRequest(Fixture.GINGER, "back", false));
        WorkItem back = host.store.findById(outside.id()).orElseThrow();
        assertEquals(outside.version() + 2, back.version(), "one version per forward");
        assertEquals(Fixture.GINGER, back.ownerId());
    }

    @Test
    void aGuardsRefusalInsideTheTransactionRollsBackTheHostsRowToo() {
        WorkItemGuard noSelfApproval = change ->
                change.caller() != null && change.caller().identityId().equals(Fixture.FRED)
                        ? WorkItemGuard.Verdict.forbid("Fred may not complete his own request")
                        : WorkItemGuard.Verdict.ALLOW;
        try (Host host = postgres(noSelfApproval)) {
            WorkItem item = host.fx.generic(Fixture.FRED);
            host.told.clear();
            assertThrows(
                    ForbiddenException.class,
                    () -> host.tx.executeWithoutResult(status -> {
                        host.sql.update(
                                "INSERT INTO host_access_request (id, work_item_id) VALUES (?, ?)", "req-3", item.id());
                        host.svc.complete(Fixture.user(Fixture.FRED), item.id());
                    }));
            assertEquals(0, host.requests("req-3"));
            assertEquals(
                    WorkItemState.PENDING,
                    host.store.findById(item.id()).orElseThrow().state());
            assertEquals(1, host.store.history(item.id()).size());
            assertEquals(List.of(), host.told);
        }
    }

    @Test
    void aStoreThatJoinsTransactionsNeedsTheHostsDataSource() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> JdbcWorkItemRepository.builder()
                        .sqliteFile(SqliteStores.newFile())
                        .hostTransactions(spring(new HikariDataSource()))
                        .build());
        assertTrue(e.getMessage().contains("dataSource"), e.getMessage());
    }
}
