package dev.workitems.spi;

import java.util.function.Consumer;

/**
 * Watches the service's operations, for metrics and tracing (given to {@code WorkItems.Builder#observer}; the
 * {@code workitems-micrometer} module has one for Micrometer's meters and observations). Called on the caller's thread:
 * {@link #start} before an operation runs, then the callback it returned exactly once when the operation ends, with
 * nothing in between on that thread but the operation itself, so a tracer may open a span in {@code start} and close it
 * in the callback. Implementations must be thread-safe and quick; an exception they throw is logged and otherwise
 * ignored, never failing the operation.
 */
public interface OperationObserver {

    /** Observes nothing. */
    OperationObserver NONE = operation -> failure -> {};

    /**
     * An operation starts.
     *
     * @param operation its name: the {@code WorkItems} method, e.g. {@code approve}, {@code listPending},
     *     {@code create}, {@code sweep}
     * @return called once when it ends: with null if it succeeded, else with the exception it throws (a
     *     {@code WorkItemsException} says which: invalid, forbidden, not found, conflict, storage failure)
     */
    Consumer<Throwable> start(String operation);

    /**
     * A change lost a race with a concurrent writer and is tried again.
     *
     * @param operation the operation, e.g. {@code approve}
     */
    default void retried(String operation) {}

    /**
     * A change looked for the item in the service's item cache.
     *
     * @param hit true if the item was there
     */
    default void cacheLookup(boolean hit) {}
}
