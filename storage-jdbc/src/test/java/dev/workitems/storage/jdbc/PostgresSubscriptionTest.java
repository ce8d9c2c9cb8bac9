package dev.workitems.storage.jdbc;

import dev.workitems.spi.WorkItemRepository;
import dev.workitems.testkit.SubscriptionContract;

class PostgresSubscriptionTest extends SubscriptionContract {
    @Override
    protected WorkItemRepository newRepository() {
        return PostgresStores.open();
    }

    @Override
    protected void release(WorkItemRepository repository) {
        PostgresStores.release(repository);
    }
}
