package dev.workitems;

import java.util.List;

/** Bad input: a parameter out of range, a missing field, an unknown referenced identity. HTTP 400. */
public final class InvalidRequestException extends WorkItemsException {
    private static final long serialVersionUID = 1L;

    /** The contract's detail code for malformed or semantically invalid content. */
    public static final String BAD_REQUEST_CONTENT = "400.1 Bad Request Content";
    /** The contract's detail code for a reference to something that does not exist (D11). */
    public static final String REFERENCED_OBJECT_NOT_FOUND = "400.1.404 Referenced object not found";

    private final List<String> parameters;

    /**
     * One problem with one named parameter.
     *
     * @param cause what is wrong, in words that name the parameter
     * @param parameter the parameter or field at fault
     */
    public InvalidRequestException(String cause, String parameter) {
        this(BAD_REQUEST_CONTENT, List.of(cause), List.of(parameter));
    }

    /**
     * Several problems at once.
     *
     * @param detailCode the contract's detail code
     * @param causes one sentence per problem
     * @param parameters the parameters at fault, in the order of the causes
     */
    public InvalidRequestException(String detailCode, List<String> causes, List<String> parameters) {
        super(400, detailCode, String.join("; ", causes), causes, null);
        if (causes.isEmpty()) {
            throw new IllegalArgumentException("an invalid request needs at least one cause");
        }
        this.parameters = List.copyOf(parameters);
    }

    /** @return the names of the parameters or fields at fault */
    public List<String> parameters() {
        return parameters;
    }
}
