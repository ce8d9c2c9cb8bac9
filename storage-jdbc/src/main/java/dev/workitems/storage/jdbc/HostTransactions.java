package dev.workitems.storage.jdbc;

import java.sql.Connection;
import java.util.Optional;

/**
 * How the store finds the transaction a host's transaction manager has open on the calling thread, so that work-item
 * calls made inside it join it (given to {@link JdbcWorkItemRepository.Builder#hostTransactions}). With it, a host
 * using Spring's {@code @Transactional}, or any manager that binds a connection to a thread, needs no
 * {@code inHostTransaction(...)} wrapper: an item change made while a transaction is open commits or rolls back with
 * the host's own rows, and the listeners hear of it after the commit, never after a rollback.
 *
 * <p>An adapter for Spring's {@code DataSourceTransactionManager} (spring-jdbc), over the same {@code dataSource} the
 * store is built on:
 *
 * <pre>{@code
 * HostTransactions spring = new HostTransactions() {
 *     public Optional<Connection> current() {
 *         if (!TransactionSynchronizationManager.isActualTransactionActive()) {
 *             return Optional.empty();                                // no transaction: each call commits itself
 *         }
 *         ConnectionHolder held = (ConnectionHolder) TransactionSynchronizationManager.getResource(dataSource);
 *         return held == null ? Optional.empty() : Optional.of(held.getConnection());
 *     }
 *     public void afterCommit(Runnable action) {
 *         TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
 *             public void afterCommit() { action.run(); }
 *         });
 *     }
 * };
 * }</pre>
 *
 * Implementations are called on the host's threads, often (several times per work-item call): keep them to a
 * thread-local lookup.
 */
public interface HostTransactions {

    /**
     * @return the connection of the transaction open on the calling thread, to this store's database, or empty when
     *     none is open (the call then runs in a transaction of its own). The store never commits, rolls back or closes
     *     it; it must have auto-commit off.
     */
    Optional<Connection> current();

    /**
     * Runs {@code action} once the transaction open on the calling thread has committed, and never if it rolls back.
     * Called only while {@link #current()} is present.
     *
     * @param action what to run after the commit (it does not throw)
     */
    void afterCommit(Runnable action);
}
