package dev.workitems.storage.memory;

import dev.workitems.spi.WorkItemRepository;
import dev.workitems.testkit.AuthorizationMatrixContract;

class InMemoryAuthorizationMatrixTest extends AuthorizationMatrixContract {
    @Override
    protected WorkItemRepository newRepository() {
        return new InMemoryWorkItemRepository();
    }
}
