package dev.workitems.storage.jdbc;

import dev.workitems.spi.WorkItemRepository;
import dev.workitems.testkit.TimersContract;

class PostgresTimersTest extends TimersContract {
    @Override
    protected WorkItemRepository newRepository() {
        return PostgresStores.open();
    }

    @Override
    protected void release(WorkItemRepository repository) {
        PostgresStores.release(repository);
    }
}
