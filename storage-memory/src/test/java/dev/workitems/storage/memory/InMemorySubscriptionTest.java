package dev.workitems.storage.memory;

import dev.workitems.spi.WorkItemRepository;
import dev.workitems.testkit.SubscriptionContract;

class InMemorySubscriptionTest extends SubscriptionContract {
    @Override
    protected WorkItemRepository newRepository() {
        return new InMemoryWorkItemRepository();
    }
}
