package dev.workitems.storage.jdbc;

import dev.workitems.spi.WorkItemRepository;
import dev.workitems.testkit.WorkItemRepositoryContract;

class SqliteRepositoryContractTest extends WorkItemRepositoryContract {
    @Override
    protected WorkItemRepository newRepository() {
        return SqliteStores.open();
    }

    @Override
    protected void release(WorkItemRepository repository) {
        SqliteStores.release(repository);
    }

    @Override
    protected boolean recallsKnownItems() {
        return true;
    }
}
