package dev.workitems.storage.jdbc;

import dev.workitems.spi.WorkItemRepository;
import dev.workitems.testkit.FeedContract;

class PostgresFeedTest extends FeedContract {
    @Override
    protected WorkItemRepository newRepository() {
        return PostgresStores.open();
    }

    @Override
    protected void release(WorkItemRepository repository) {
        PostgresStores.release(repository);
    }
}
