package dev.workitems;

import java.util.List;

/**
 * The storage failed (I/O, driver, constraint it should not have hit). Nothing the call asked for was applied, or the
 * storage's atomicity guarantees say what was. HTTP 500.
 */
public final class StorageFailureException extends WorkItemsException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed
     * @param cause the underlying failure, may be null
     */
    public StorageFailureException(String message, Throwable cause) {
        super(500, "500.0 Internal Fault", message, List.of(), cause);
    }
}
