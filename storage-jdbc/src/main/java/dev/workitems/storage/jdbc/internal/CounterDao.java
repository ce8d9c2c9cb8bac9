package dev.workitems.storage.jdbc.internal;

import dev.workitems.spi.OwnerCounts;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.Optional;

/** The per-owner counters, kept in the same transaction as every item change. */
public interface CounterDao {

    /**
     * Adds to an owner's counters, creating its row at zero first if needed. Same syntax on SQLite and PostgreSQL.
     *
     * @param owner     the owner
     * @param pending   added to the pending count (may be negative)
     * @param completed added to the completed count (may be negative)
     */
    @SqlUpdate("INSERT INTO workitems_owner_count (owner_id, pending, completed) VALUES (:owner, :pending, :completed) "
            + "ON CONFLICT (owner_id) DO UPDATE SET pending = workitems_owner_count.pending + excluded.pending, "
            + "completed = workitems_owner_count.completed + excluded.completed")
    void add(@Bind("owner") String owner, @Bind("pending") long pending, @Bind("completed") long completed);

    /** @param owner the owner @return its counters, empty if it never had an item */
    @SqlQuery("SELECT pending, completed FROM workitems_owner_count WHERE owner_id = :owner")
    Optional<OwnerCounts> counts(@Bind("owner") String owner);
}
