package dev.workitems;

import java.util.List;

/** The caller may not do this (contract decision D5). HTTP 403. */
public final class ForbiddenException extends WorkItemsException {
    private static final long serialVersionUID = 1L;

    /** @param message why, naming the caller and the operation */
    public ForbiddenException(String message) {
        super(403, "403 Forbidden", message, List.of(message), null);
    }
}
