package dev.workitems.storage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import dev.workitems.spi.WorkItemWrite;
import java.sql.SQLException;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Everything the store does differently per database, in one place. A database is one implementation of this interface,
 * one {@link Dialect} constant naming it, and its migration files under
 * {@code dev/workitems/storage/jdbc/migrations/<folder>/}; the rest of the store is the same SQL on every database.
 */
interface SqlDialect {

    /** @return the folder of this database's migration files */
    String migrationFolder();

    /** @param lowerCaseUrl a JDBC URL, lower case @return true if it names this database */
    boolean acceptsUrl(String lowerCaseUrl);

    /**
     * @param lowerCaseProduct {@code DatabaseMetaData.getDatabaseProductName()}, lower case @return true if it is this
     *     database
     */
    boolean isProduct(String lowerCaseProduct);

    /**
     * Configures the pool the store opens for a JDBC URL: connection settings, pool size.
     *
     * @param pool the pool's configuration, with the URL and credentials set
     * @param settings the builder's settings
     */
    void configurePool(HikariConfig pool, JdbcWorkItemRepository.Builder settings);

    /** @param jdbi the store's JDBI, once, before first use */
    default void configure(Jdbi jdbi) {}

    /** Makes concurrent starters wait while one applies the migrations, inside the migration transaction. */
    default void lockMigrations(Handle h) {}

    /** @return a query of the number of tables named {@code :t} in the store's schema */
    String tableCountQuery();

    /**
     * @return what follows a SELECT of the row a write is about to change, so that it locks the row; "" if none needed
     */
    default String lockRowForUpdate() {
        return "";
    }

    /**
     * @param e a failed statement
     * @return true if the database rolled the transaction back for a reason that a retry can clear (deadlock,
     *     serialization failure, busy database)
     */
    boolean isTransient(SQLException e);

    /**
     * @param columns the event columns to read after the position
     * @return the query of up to {@code :limit} feed events after position {@code :after}, in feed order, the position
     *     first
     */
    String feedQuery(String columns);

    /**
     * @param insert an {@code INSERT INTO workitems_event ...} statement
     * @return the statement that writes those events, with what the feed needs of each
     */
    default String insertEvent(String insert) {
        return insert;
    }

    /**
     * Makes every event committed so far readable by position (a no-op where the position is taken at write time).
     *
     * @param jdbi the database
     */
    default void numberFeed(Jdbi jdbi) {}

    /** @return true if {@link #updateInOneStatement} writes a change whose previous version the service knows */
    default boolean updatesInOneStatement() {
        return false;
    }

    /**
     * Writes a change, its counter moves and its events in one statement, if the item is still at the expected version.
     *
     * @param h the handle to write on
     * @param write the change, with its previous version
     * @param change the columns that differ
     * @param deltas counter changes per owner, in owner order
     * @return 1 if the version matched and everything was written, else 0 (nothing written)
     */
    default int updateInOneStatement(
            Handle h, WorkItemWrite write, ItemCodec.Change change, TreeMap<String, long[]> deltas) {
        throw new UnsupportedOperationException(migrationFolder() + " writes a change in several statements");
    }
}
