package dev.workitems.benchmarks.jmh;

import dev.workitems.ApprovalItem;
import dev.workitems.Caller;
import dev.workitems.ForwardRequest;
import dev.workitems.HistoryAction;
import dev.workitems.HistoryEvent;
import dev.workitems.ListPosition;
import dev.workitems.ListQuery;
import dev.workitems.NewApprovalItem;
import dev.workitems.NewWorkItem;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemState;
import dev.workitems.WorkItemSummary;
import dev.workitems.WorkItemType;
import dev.workitems.WorkItems;
import dev.workitems.spi.IdGenerator;
import dev.workitems.spi.InMemoryIdentityDirectory;
import dev.workitems.spi.WorkItemRepository;
import dev.workitems.spi.WorkItemWrite;
import dev.workitems.storage.jdbc.JdbcWorkItemRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** workitems through its service, as a host calls it, over one of its stores. */
final class WorkItemsSystem implements TaskSystem {
    private final WorkItemRepository store;
    private final WorkItems svc;
    private final InMemoryIdentityDirectory people = new InMemoryIdentityDirectory();
    private final boolean writesOnly;

    WorkItemsSystem(WorkItemRepository store) {
        this(store, null);
    }

    /**
     * @param store the store
     * @param itemCache the service's item cache size; null for the library's default. With 0 every write reads the item
     *     first (what a host instance pays for items it has not seen); such a system measures writes only.
     */
    WorkItemsSystem(WorkItemRepository store, Integer itemCache) {
        this.store = store;
        this.writesOnly = itemCache != null && itemCache == 0;
        for (int i = 0; i <= 1_000; i++) {
            people.put("owner-" + i, "Owner " + i);
        }
        people.put("writer", "Writer").put("target", "Target");
        WorkItems.Builder b =
                WorkItems.builder().storage(store).identities(people).notifier(n -> {});
        if (itemCache != null) {
            b.itemCache(itemCache);
        }
        this.svc = b.build();
    }

    @Override
    public String[] create(String owner) {
        WorkItem w = svc.create(NewWorkItem.builder()
                .type(WorkItemType.APPROVAL)
                .name("Access Request")
                .description("Approve GitHub access")
                .ownerId(owner)
                .requesterId("writer")
                .approvalItem(NewApprovalItem.of("acct", "GitHub", "teams", "Add", "team-a"))
                .approvalItem(NewApprovalItem.of("acct", "GitHub", "teams", "Add", "team-b"))
                .approvalItem(NewApprovalItem.of("acct", "Active Directory", "memberOf", "Add", "cn=staff"))
                .build());
        return new String[] {w.id(), w.approvalItems().get(0).id()};
    }

    @Override
    public Object get(String id) {
        return svc.get(Caller.of("admin", "ORG_ADMIN"), id);
    }

    @Override
    public int page(String owner, int offset, int limit) {
        return svc.listPending(Caller.of(owner), new ListQuery(null, limit, offset, false))
                .items()
                .size();
    }

    @Override
    public long count(String owner) {
        return svc.countPending(Caller.of(owner), null).count();
    }

    @Override
    public long[] summary(String owner) {
        WorkItemSummary s = svc.summary(Caller.of(owner), null);
        return new long[] {s.open(), s.completed()};
    }

    @Override
    public void complete(String id) {
        svc.complete(Caller.of("admin", "ORG_ADMIN"), id);
    }

    @Override
    public void forward(String id, String newOwner) {
        svc.forward(Caller.of("admin", "ORG_ADMIN"), id, new ForwardRequest(newOwner, "handing over", false));
    }

    @Override
    public void approve(String id, String approvalId) {
        svc.approve(Caller.of("admin", "ORG_ADMIN"), id, approvalId);
    }

    @Override
    public void approveAll(String id) {
        svc.bulkApprove(Caller.of("admin", "ORG_ADMIN"), id);
    }

    @Override
    public boolean supports(String operation) {
        return !writesOnly || CompareMain.WRITES.contains(operation);
    }

    @Override
    public Object positionAt(String owner, int offset) {
        if (offset == 0) {
            return null;
        }
        WorkItem before = svc.listPending(Caller.of(owner), new ListQuery(null, 1, offset - 1, false))
                .items()
                .get(0);
        return ListPosition.after(before);
    }

    @Override
    public int pageAfter(String owner, Object position, int limit) {
        return svc.listPending(Caller.of(owner), new ListQuery(null, limit, 0, false).after((ListPosition) position))
                .items()
                .size();
    }

    /** @return the service, for the HTTP adapter's comparison */
    WorkItems service() {
        return svc;
    }

    /** @return the store */
    WorkItemRepository store() {
        return store;
    }

    @Override
    public void load(int n, String heavy, int owners) {
        IdGenerator ids = IdGenerator.randomUuid();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        List<WorkItemWrite> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String owner = i % 2 == 0 ? heavy : "owner-" + (1 + (i / 2) % owners);
            String id = ids.newId();
            Instant created = t0.plusMillis(i);
            List<ApprovalItem> approvals = List.of(
                    new ApprovalItem(ids.newId(), "acct", "GitHub", "teams", "Add", "team-a", WorkItemState.PENDING),
                    new ApprovalItem(ids.newId(), "acct", "GitHub", "teams", "Add", "team-b", WorkItemState.PENDING),
                    new ApprovalItem(
                            ids.newId(),
                            "acct",
                            "Active Directory",
                            "memberOf",
                            "Add",
                            "cn=staff",
                            WorkItemState.PENDING));
            WorkItem w = WorkItem.builder()
                    .id(id)
                    .ownerId(owner)
                    .ownerName("Owner")
                    .requesterId("writer")
                    .requesterDisplayName("Writer")
                    .created(created)
                    .description("Approve GitHub access")
                    .type(WorkItemType.APPROVAL)
                    .name("Access Request")
                    .approvalItems(approvals)
                    .build();
            batch.add(new WorkItemWrite(
                    w, List.of(new HistoryEvent(id, 1, created, "writer", HistoryAction.CREATED, null, Map.of()))));
            if (batch.size() == 5_000) {
                flush(batch);
            }
        }
        flush(batch);
    }

    private void flush(List<WorkItemWrite> batch) {
        if (store instanceof JdbcWorkItemRepository jdbc) {
            jdbc.importItems(batch);
        } else {
            batch.forEach(store::insert);
        }
        batch.clear();
    }

    @Override
    public void close() {
        if (store instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
