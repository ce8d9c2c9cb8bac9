package dev.workitems.storage.memory;

import dev.workitems.spi.WorkItemRepository;
import dev.workitems.testkit.WorkItemsContract;

class InMemoryServiceContractTest extends WorkItemsContract {
    @Override
    protected WorkItemRepository newRepository() {
        return new InMemoryWorkItemRepository();
    }
}
