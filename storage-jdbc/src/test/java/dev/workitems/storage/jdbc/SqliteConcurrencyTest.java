package dev.workitems.storage.jdbc;

import dev.workitems.spi.WorkItemRepository;
import dev.workitems.testkit.ConcurrencyContract;

class SqliteConcurrencyTest extends ConcurrencyContract {
    @Override
    protected WorkItemRepository newRepository() {
        return SqliteStores.open();
    }

    @Override
    protected void release(WorkItemRepository repository) {
        SqliteStores.release(repository);
    }
}
