package dev.workitems.storage.jdbc;

import dev.workitems.spi.WorkItemRepository;
import dev.workitems.testkit.ModelBasedContract;

class PostgresModelBasedTest extends ModelBasedContract {
    @Override
    protected WorkItemRepository newRepository() {
        return PostgresStores.open();
    }

    @Override
    protected void release(WorkItemRepository repository) {
        PostgresStores.release(repository);
    }

    @Override
    protected int defaultSequences() {
        return 100; // about 90 queries per step over loopback: 100 sequences keep the build short
    }
}
