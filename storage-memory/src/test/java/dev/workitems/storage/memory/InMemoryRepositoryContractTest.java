package dev.workitems.storage.memory;

import dev.workitems.spi.WorkItemRepository;
import dev.workitems.testkit.WorkItemRepositoryContract;

class InMemoryRepositoryContractTest extends WorkItemRepositoryContract {
    @Override
    protected WorkItemRepository newRepository() {
        return new InMemoryWorkItemRepository();
    }
}
