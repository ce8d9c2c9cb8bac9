package dev.workitems;

import java.util.List;

/** No work item (or approval item) has that id. HTTP 404. */
public final class NotFoundException extends WorkItemsException {
    private static final long serialVersionUID = 1L;

    /** @param message what was looked for, naming its id */
    public NotFoundException(String message) {
        super(404, "404 Not found", message, List.of(message), null);
    }
}
