package dev.workitems.storage.jdbc;

import dev.workitems.spi.WorkItemRepository;
import dev.workitems.testkit.WorkItemRepositoryContract;

class PostgresRepositoryContractTest extends WorkItemRepositoryContract {
    @Override
    protected WorkItemRepository newRepository() {
        return PostgresStores.open();
    }

    @Override
    protected void release(WorkItemRepository repository) {
        PostgresStores.release(repository);
    }

    @Override
    protected boolean recallsKnownItems() {
        return true;
    }
}
