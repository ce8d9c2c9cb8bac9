package dev.workitems;

import java.util.List;
import java.util.Objects;

/**
 * The one unchecked root of every error the library raises. Each subclass is one outcome and carries what an HTTP layer
 * needs to answer: the status, the contract's {@code detailCode}, a message and the causes.
 */
public abstract sealed class WorkItemsException extends RuntimeException
        permits InvalidRequestException,
                ForbiddenException,
                NotFoundException,
                ConflictException,
                StorageFailureException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String detailCode;
    private final List<String> causes;

    WorkItemsException(int status, String detailCode, String message, List<String> causes, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.status = status;
        this.detailCode = Objects.requireNonNull(detailCode, "detailCode");
        this.causes = List.copyOf(causes);
    }

    /** @return the HTTP status the contract gives this outcome (400, 403, 404 or 500) */
    public int status() {
        return status;
    }

    /** @return the contract's fine-grained code, e.g. {@code 400.1 Bad Request Content} */
    public String detailCode() {
        return detailCode;
    }

    /** @return plain-text reasons, one per problem (for bad input: one per bad parameter, naming it) */
    public List<String> causes() {
        return causes;
    }
}
