package dev.workitems.spring.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a {@link MissingBeanException} as Boot's start-up report: what is missing, and what to do. */
final class MissingBeanFailureAnalyzer extends AbstractFailureAnalyzer<MissingBeanException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingBeanException cause) {
        String message = cause.getMessage();
        int fix = message.indexOf(" To fix it, ");
        return new FailureAnalysis(
                "workitems needs a bean of type " + cause.type().getName() + " and the application defines none.",
                fix < 0 ? message : Character.toUpperCase(message.charAt(fix + 12)) + message.substring(fix + 13),
                cause);
    }
}
