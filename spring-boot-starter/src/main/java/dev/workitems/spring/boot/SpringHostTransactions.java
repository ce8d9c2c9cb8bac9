package dev.workitems.spring.boot;

import dev.workitems.storage.jdbc.HostTransactions;
import java.sql.Connection;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The store joins the transaction Spring has open on the calling thread ({@code @Transactional},
 * {@code TransactionTemplate}) over the application's DataSource: the connection Spring's transaction manager bound to
 * it, and the listeners told after Spring's commit, never after a rollback. Outside a transaction each call commits on
 * its own.
 */
final class SpringHostTransactions implements HostTransactions {
    private final DataSource dataSource;

    SpringHostTransactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<Connection> current() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return Optional.empty();
        }
        Object held = TransactionSynchronizationManager.getResource(dataSource);
        return held instanceof ConnectionHolder h ? Optional.of(h.getConnection()) : Optional.empty();
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
}
