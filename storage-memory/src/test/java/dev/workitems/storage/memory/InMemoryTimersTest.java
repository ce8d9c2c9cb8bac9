package dev.workitems.storage.memory;

import dev.workitems.spi.WorkItemRepository;
import dev.workitems.testkit.TimersContract;

class InMemoryTimersTest extends TimersContract {
    @Override
    protected WorkItemRepository newRepository() {
        return new InMemoryWorkItemRepository();
    }
}
