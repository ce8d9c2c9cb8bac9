package dev.workitems.storage.jdbc;

import dev.workitems.spi.WorkItemRepository;
import dev.workitems.testkit.FeedContract;

class SqliteFeedTest extends FeedContract {
    @Override
    protected WorkItemRepository newRepository() {
        return SqliteStores.open();
    }

    @Override
    protected void release(WorkItemRepository repository) {
        SqliteStores.release(repository);
    }
}
