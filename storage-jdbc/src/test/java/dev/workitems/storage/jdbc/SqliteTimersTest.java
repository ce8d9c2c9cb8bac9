package dev.workitems.storage.jdbc;

import dev.workitems.spi.WorkItemRepository;
import dev.workitems.testkit.TimersContract;

class SqliteTimersTest extends TimersContract {
    @Override
    protected WorkItemRepository newRepository() {
        return SqliteStores.open();
    }

    @Override
    protected void release(WorkItemRepository repository) {
        SqliteStores.release(repository);
    }
}
