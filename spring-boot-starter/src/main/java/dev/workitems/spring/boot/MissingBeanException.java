package dev.workitems.spring.boot;

/** A part workitems cannot do without is missing from the application: which one, and what to do about it. */
final class MissingBeanException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Class<?> type;

    MissingBeanException(Class<?> type, String action) {
        super("workitems cannot start: no " + type.getSimpleName() + ". To fix it, " + action + ".");
        this.type = type;
    }

    Class<?> type() {
        return type;
    }
}
