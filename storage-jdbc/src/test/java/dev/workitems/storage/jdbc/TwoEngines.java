package dev.workitems.storage.jdbc;

import dev.workitems.FeedEvent;
import dev.workitems.HistoryEvent;
import dev.workitems.WorkItem;
import dev.workitems.spi.FeedQuery;
import dev.workitems.spi.OwnerCounts;
import dev.workitems.spi.PageQuery;
import dev.workitems.spi.WorkItemRepository;
import dev.workitems.spi.WorkItemWrite;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Two stores (two pools: two host instances) on one database, each call sent to either at random. Running the kit
 * through it checks that each instance sees the other's writes at once and that they race without lost updates.
 */
final class TwoEngines implements WorkItemRepository {
    final JdbcWorkItemRepository a;
    final JdbcWorkItemRepository b;

    TwoEngines(JdbcWorkItemRepository a, JdbcWorkItemRepository b) {
        this.a = a;
        this.b = b;
    }

    private WorkItemRepository any() {
        return ThreadLocalRandom.current().nextBoolean() ? a : b;
    }

    @Override public boolean insert(WorkItemWrite write) { return any().insert(write); }
    @Override public Optional<WorkItem> findById(String id) { return any().findById(id); }
    @Override public boolean update(WorkItemWrite write) { return any().update(write); }
    @Override public List<WorkItem> findPage(PageQuery query) { return any().findPage(query); }
    @Override public OwnerCounts counts(String ownerId) { return any().counts(ownerId); }
    @Override public List<HistoryEvent> history(String workItemId) { return any().history(workItemId); }
    @Override public List<FeedEvent> feed(FeedQuery query) { return any().feed(query); }
}
