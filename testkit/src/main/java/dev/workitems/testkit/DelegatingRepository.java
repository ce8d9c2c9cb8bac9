package dev.workitems.testkit;

import dev.workitems.FeedEvent;
import dev.workitems.HistoryEvent;
import dev.workitems.WorkItem;
import dev.workitems.spi.FeedQuery;
import dev.workitems.spi.KnownItems;
import dev.workitems.spi.OwnerCounts;
import dev.workitems.spi.PageQuery;
import dev.workitems.spi.WorkItemRepository;
import dev.workitems.spi.WorkItemWrite;
import java.util.List;
import java.util.Optional;

/**
 * Passes every call to a real store. Tests override one method to inject a fault or a concurrent write at an exact
 * moment, while the store itself stays real.
 */
public class DelegatingRepository implements WorkItemRepository {
    private final WorkItemRepository delegate;

    /** @param delegate the real store */
    public DelegatingRepository(WorkItemRepository delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean insert(WorkItemWrite write) {
        return delegate.insert(write);
    }

    @Override
    public Optional<WorkItem> findById(String id) {
        return delegate.findById(id);
    }

    @Override
    public boolean update(WorkItemWrite write) {
        return delegate.update(write);
    }

    @Override
    public List<WorkItem> findPage(PageQuery query) {
        return delegate.findPage(query);
    }

    @Override
    public OwnerCounts counts(String ownerId) {
        return delegate.counts(ownerId);
    }

    @Override
    public List<HistoryEvent> history(String workItemId) {
        return delegate.history(workItemId);
    }

    @Override
    public List<WorkItem> findDue(dev.workitems.spi.DueQuery query) {
        return delegate.findDue(query);
    }

    @Override
    public List<FeedEvent> feed(FeedQuery query) {
        return delegate.feed(query);
    }

    @Override
    public boolean readsAreCostly() {
        return delegate.readsAreCostly();
    }

    @Override
    public boolean inHostTransaction() {
        return delegate.inHostTransaction();
    }

    @Override
    public void afterHostCommit(Runnable action) {
        delegate.afterHostCommit(action);
    }

    @Override
    public void recallFrom(KnownItems known) {
        delegate.recallFrom(known);
    }
}
