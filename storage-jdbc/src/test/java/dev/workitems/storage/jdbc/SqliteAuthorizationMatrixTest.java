package dev.workitems.storage.jdbc;

import dev.workitems.spi.WorkItemRepository;
import dev.workitems.testkit.AuthorizationMatrixContract;

class SqliteAuthorizationMatrixTest extends AuthorizationMatrixContract {
    @Override
    protected WorkItemRepository newRepository() {
        return SqliteStores.open();
    }

    @Override
    protected void release(WorkItemRepository repository) {
        SqliteStores.release(repository);
    }
}
