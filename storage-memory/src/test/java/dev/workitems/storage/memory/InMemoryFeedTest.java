package dev.workitems.storage.memory;

import dev.workitems.spi.WorkItemRepository;
import dev.workitems.testkit.FeedContract;

class InMemoryFeedTest extends FeedContract {
    @Override
    protected WorkItemRepository newRepository() {
        return new InMemoryWorkItemRepository();
    }
}
