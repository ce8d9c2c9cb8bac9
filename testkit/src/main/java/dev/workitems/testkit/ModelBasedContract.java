package dev.workitems.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.workitems.spi.WorkItemRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Runs {@link ModelBasedHarness} against a store: hundreds of random sequences per build (more with
 * {@code -Dworkitems.pbt.sequences=N}), each on a fresh store, reproducible from the printed seed.
 */
public abstract class ModelBasedContract {

    /** @return a new, empty store; called once per sequence (and per shrink attempt) */
    protected abstract WorkItemRepository newRepository();

    /** @param repository a store made by {@link #newRepository()}, to close after its sequence */
    protected void release(WorkItemRepository repository) {}

    /**
     * @return sequences per build unless {@code -Dworkitems.pbt.sequences} is set (default 300; slower stores may lower
     *     it)
     */
    protected int defaultSequences() {
        return 300;
    }

    @Test
    void randomSequencesAgreeWithTheReferenceModel(TestReporter reporter) {
        ModelBasedHarness.Result result = ModelBasedHarness.run(
                ModelBasedHarness.Config.fromSystemProperties(defaultSequences()), this::newRepository, this::release);
        String line = getClass().getSimpleName() + " " + result.summary();
        System.out.println(line);
        reporter.publishEntry("model-based", line);
        if (result.failure() != null) {
            fail(result.failure().report());
        }
        assertTrue(result.steps() >= result.sequences(), "every sequence ran at least one step");
    }
}
