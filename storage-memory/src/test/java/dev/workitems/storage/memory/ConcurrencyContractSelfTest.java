package dev.workitems.storage.memory;

import static org.junit.jupiter.api.Assertions.fail;

import dev.workitems.HistoryEvent;
import dev.workitems.WorkItem;
import dev.workitems.spi.WorkItemRepository;
import dev.workitems.spi.WorkItemWrite;
import dev.workitems.testkit.ConcurrencyContract;
import dev.workitems.testkit.DelegatingRepository;
import org.junit.jupiter.api.Test;

/** The concurrency contract must catch a store that applies updates without checking the version. */
class ConcurrencyContractSelfTest {

    /** Writes whatever it is given on top of the current version: the classic lost update. */
    static final class IgnoresVersions extends DelegatingRepository {
        private final InMemoryWorkItemRepository real;

        IgnoresVersions(InMemoryWorkItemRepository real) {
            super(real);
            this.real = real;
        }

        @Override
        public synchronized boolean update(WorkItemWrite w) {
            WorkItem current = real.findById(w.item().id()).orElseThrow();
            WorkItem forced =
                    w.item().toBuilder().version(current.version() + 1).build();
            return real.update(new WorkItemWrite(
                    forced,
                    w.events().stream()
                            .map(e -> new HistoryEvent(
                                    e.workItemId(),
                                    forced.version(),
                                    e.at(),
                                    e.actorId(),
                                    e.action(),
                                    e.comment(),
                                    e.data()))
                            .toList()));
        }
    }

    static final class Broken extends ConcurrencyContract {
        @Override
        protected WorkItemRepository newRepository() {
            return new IgnoresVersions(new InMemoryWorkItemRepository());
        }
    }

    @Test
    void aStoreThatIgnoresVersionsLosesUpdatesAndIsCaught() throws Exception {
        // Thread interleavings vary; one catch in five runs is required (each run has caught it here).
        for (int attempt = 1; attempt <= 5; attempt++) {
            try {
                new Broken().concurrentWritersNeverLoseAnUpdate(entries -> {});
            } catch (AssertionError expected) {
                System.out.println(
                        "[concurrency self-test: caught on attempt " + attempt + "] " + expected.getMessage());
                return;
            }
        }
        fail("the concurrency contract did not notice lost updates in 5 runs");
    }
}
