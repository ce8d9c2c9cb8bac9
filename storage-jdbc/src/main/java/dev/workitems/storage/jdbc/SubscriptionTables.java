package dev.workitems.storage.jdbc;

import dev.workitems.StorageFailureException;
import dev.workitems.spi.SubscriptionStore.ParkedEvent;
import dev.workitems.spi.SubscriptionStore.SubscriptionAdvance;
import dev.workitems.spi.SubscriptionStore.SubscriptionChange;
import dev.workitems.spi.SubscriptionStore.SubscriptionClaim;
import dev.workitems.spi.SubscriptionStore.SubscriptionState;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The subscriptions' tables (V003): a subscription's position and lease, and its parked events. The same SQL on every
 * database; each call is a transaction of its own, on the store's pool, never inside a host's transaction.
 */
final class SubscriptionTables {
    private final Jdbi jdbi;
    private final Predicate<Throwable> transientFailure;

    /**
     * @param jdbi the store's database
     * @param transientFailure whether a failure rolled back for a reason a retry can clear
     */
    SubscriptionTables(Jdbi jdbi, Predicate<Throwable> transientFailure) {
        this.jdbi = jdbi;
        this.transientFailure = transientFailure;
    }

    Optional<SubscriptionState> claim(SubscriptionClaim c) {
        return call(() -> jdbi.inTransaction(h -> {
            h.createUpdate("INSERT INTO workitems_subscription (name, position) VALUES (:n, :p) ON CONFLICT (name) "
                            + "DO NOTHING")
                    .bind("n", c.name())
                    .bind("p", c.startAfter())
                    .execute();
            // On PostgreSQL a concurrent claimer waits for the row lock, then re-checks the condition on the new row.
            int taken = h.createUpdate(
                            "UPDATE workitems_subscription SET holder = :i, lease_until_ms = :until WHERE name = :n "
                                    + "AND (holder IS NULL OR holder = :i OR lease_until_ms <= :now)")
                    .bind("i", c.instance())
                    .bind("until", c.leaseUntil().toEpochMilli())
                    .bind("n", c.name())
                    .bind("now", c.now().toEpochMilli())
                    .execute();
            return taken == 1 ? states(h, c.name()).stream().findFirst() : Optional.<SubscriptionState>empty();
        }));
    }

    boolean advance(SubscriptionAdvance a) {
        try {
            return call(() -> jdbi.inTransaction(h -> {
                int moved = h.createUpdate(
                                "UPDATE workitems_subscription SET position = :to WHERE name = :n AND holder = :i "
                                        + "AND position = :from")
                        .bind("to", a.to())
                        .bind("n", a.name())
                        .bind("i", a.instance())
                        .bind("from", a.from())
                        .execute();
                if (moved != 1) {
                    return false;
                }
                for (long p : a.unpark()) {
                    h.createUpdate("DELETE FROM workitems_parked_event WHERE subscription = :n AND position = :p")
                            .bind("n", a.name())
                            .bind("p", p)
                            .execute();
                }
                for (ParkedEvent p : a.park()) {
                    h.createUpdate("INSERT INTO workitems_parked_event (subscription, position, attempts, error, "
                                    + "at_ms, "
                                    + "retry_requested) VALUES (:n, :p, :a, :e, :t, :r) ON CONFLICT "
                                    + "(subscription, position) "
                                    + "DO UPDATE SET attempts = excluded.attempts, error = excluded.error, "
                                    + "at_ms = excluded.at_ms, "
                                    + "retry_requested = excluded.retry_requested")
                            .bind("n", a.name())
                            .bind("p", p.position())
                            .bind("a", p.attempts())
                            .bind("e", p.error())
                            .bind("t", p.at().toEpochMilli())
                            .bind("r", p.retryRequested() ? 1 : 0)
                            .execute();
                }
                return true;
            }));
        } catch (StorageFailureException e) {
            if (transientFailure.test(e)) {
                return false; // rolled back: the runner claims again and retries
            }
            throw e;
        }
    }

    List<SubscriptionState> subscriptions() {
        return call(() -> jdbi.withHandle(h -> states(h, null)));
    }

    boolean change(SubscriptionChange c) {
        String sql = switch (c.kind()) {
            case RESET -> "UPDATE workitems_subscription SET position = :p WHERE name = :n";
            case RETRY ->
                "UPDATE workitems_parked_event SET retry_requested = 1 WHERE subscription = :n AND position = :p";
            case DROP -> "DELETE FROM workitems_parked_event WHERE subscription = :n AND position = :p";
        };
        return call(() -> jdbi.withHandle(h ->
                h.createUpdate(sql).bind("n", c.name()).bind("p", c.position()).execute() == 1));
    }

    /** Reads one subscription (or all, when name is null) with its parked events. */
    private static List<SubscriptionState> states(Handle h, String name) {
        String where = name == null ? "" : " WHERE subscription = :n";
        java.util.Map<String, List<ParkedEvent>> parked = new java.util.HashMap<>();
        var pq = h.createQuery("SELECT subscription, position, attempts, error, at_ms, retry_requested FROM "
                + "workitems_parked_event" + where + " ORDER BY subscription, position");
        if (name != null) {
            pq.bind("n", name);
        }
        pq.map((rs, ctx) -> parked.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>())
                        .add(new ParkedEvent(
                                rs.getLong(2),
                                rs.getInt(3),
                                rs.getString(4),
                                java.time.Instant.ofEpochMilli(rs.getLong(5)),
                                rs.getInt(6) == 1)))
                .list();
        var q = h.createQuery("SELECT name, position, holder, lease_until_ms FROM workitems_subscription"
                + (name == null ? "" : " WHERE name = :n") + " ORDER BY name");
        if (name != null) {
            q.bind("n", name);
        }
        return q.map((rs, ctx) -> {
                    long lease = rs.getLong(4);
                    boolean noLease = rs.wasNull();
                    return new SubscriptionState(
                            rs.getString(1),
                            rs.getLong(2),
                            rs.getString(3),
                            noLease ? null : java.time.Instant.ofEpochMilli(lease),
                            parked.getOrDefault(rs.getString(1), List.of()));
                })
                .list();
    }

    static <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (JdbiException e) {
            throw new StorageFailureException("subscription storage failed: " + e.getMessage(), e);
        }
    }
}
