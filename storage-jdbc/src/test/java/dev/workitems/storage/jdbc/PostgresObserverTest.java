package dev.workitems.storage.jdbc;

import dev.workitems.spi.WorkItemRepository;
import dev.workitems.testkit.ObserverContract;

class PostgresObserverTest extends ObserverContract {
    @Override
    protected WorkItemRepository newRepository() {
        return PostgresStores.open();
    }

    @Override
    protected void release(WorkItemRepository repository) {
        PostgresStores.release(repository);
    }
}
