package dev.workitems.storage.jdbc;

import dev.workitems.spi.WorkItemRepository;
import dev.workitems.testkit.ConcurrencyContract;

class PostgresConcurrencyTest extends ConcurrencyContract {
    @Override
    protected WorkItemRepository newRepository() {
        return PostgresStores.open(8);
    }

    @Override
    protected void release(WorkItemRepository repository) {
        PostgresStores.release(repository);
    }
}
