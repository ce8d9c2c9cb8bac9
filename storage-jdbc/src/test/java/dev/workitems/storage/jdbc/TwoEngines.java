package dev.workitems.storage.jdbc;

import dev.workitems.FeedEvent;
import dev.workitems.HistoryEvent;
import dev.workitems.WorkItem;
import dev.workitems.spi.FeedQuery;
import dev.workitems.spi.KnownItems;
import dev.workitems.spi.OwnerCounts;
import dev.workitems.spi.PageQuery;
import dev.workitems.spi.SubscriptionStore;
import dev.workitems.spi.WorkItemRepository;
import dev.workitems.spi.WorkItemWrite;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Two stores (two pools: two host instances) on one database, each call sent to either at random. Running the kit
 * through it checks that each instance sees the other's writes at once and that they race without lost updates.
 */
final class TwoEngines implements WorkItemRepository, SubscriptionStore, dev.workitems.spi.ReassignmentStore {
    final JdbcWorkItemRepository a;
    final JdbcWorkItemRepository b;

    TwoEngines(JdbcWorkItemRepository a, JdbcWorkItemRepository b) {
        this.a = a;
        this.b = b;
    }

    /** Both instances answer rows from the one service's items. */
    @Override
    public void recallFrom(KnownItems known) {
        a.recallFrom(known);
        b.recallFrom(known);
    }

    private JdbcWorkItemRepository any() {
        return ThreadLocalRandom.current().nextBoolean() ? a : b;
    }

    @Override
    public boolean insert(WorkItemWrite write) {
        return any().insert(write);
    }

    @Override
    public Optional<WorkItem> findById(String id) {
        return any().findById(id);
    }

    @Override
    public boolean update(WorkItemWrite write) {
        return any().update(write);
    }

    @Override
    public List<WorkItem> findPage(PageQuery query) {
        return any().findPage(query);
    }

    @Override
    public OwnerCounts counts(String ownerId) {
        return any().counts(ownerId);
    }

    @Override
    public List<HistoryEvent> history(String workItemId) {
        return any().history(workItemId);
    }

    @Override
    public List<WorkItem> findDue(dev.workitems.spi.DueQuery query) {
        return any().findDue(query);
    }

    @Override
    public List<FeedEvent> feed(FeedQuery query) {
        return any().feed(query);
    }

    @Override
    public Optional<SubscriptionState> claim(SubscriptionClaim c) {
        return any().claim(c);
    }

    @Override
    public boolean advance(SubscriptionAdvance a) {
        return any().advance(a);
    }

    @Override
    public List<SubscriptionState> subscriptions() {
        return any().subscriptions();
    }

    @Override
    public boolean change(SubscriptionChange c) {
        return any().change(c);
    }

    @Override
    public List<dev.workitems.ReassignmentRule> rules(String identityId) {
        return any().rules(identityId);
    }

    @Override
    public boolean writeRule(RuleWrite write) {
        return any().writeRule(write);
    }

    @Override
    public List<RuleChange> ruleChanges(String identityId) {
        return any().ruleChanges(identityId);
    }

    @Override
    public dev.workitems.TenantReassignmentSwitch tenantSwitch() {
        return any().tenantSwitch();
    }

    @Override
    public void writeTenantSwitch(dev.workitems.TenantReassignmentSwitch next) {
        any().writeTenantSwitch(next);
    }
}
