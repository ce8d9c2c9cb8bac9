package dev.workitems.storage.memory;

import dev.workitems.HistoryEvent;
import dev.workitems.ListPosition;
import dev.workitems.WorkItem;
import dev.workitems.spi.ListKind;
import dev.workitems.spi.OwnerCounts;
import dev.workitems.spi.PageQuery;
import dev.workitems.spi.WorkItemRepository;
import dev.workitems.spi.WorkItemWrite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The storage SPI in memory. Thread-safe: one read-write lock, so every call is atomic and reads run in parallel.
 * Each owner has two sorted indexes (pending and completed, in the contract's order) so that a page touches only
 * {@code offset + limit} entries of one owner, and a count or a summary is two size reads. Items are deeply
 * immutable values, so storing and returning the instances is as safe as copying them.
 */
public final class InMemoryWorkItemRepository implements WorkItemRepository {


    private static final class OwnerIndex {
        final TreeMap<ListPosition, WorkItem> pending = new TreeMap<>();
        final TreeMap<ListPosition, WorkItem> completed = new TreeMap<>();

        TreeMap<ListPosition, WorkItem> list(ListKind kind) {
            return kind == ListKind.PENDING ? pending : completed;
        }

        boolean isEmpty() {
            return pending.isEmpty() && completed.isEmpty();
        }
    }

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, WorkItem> items = new HashMap<>();
    private final Map<String, List<HistoryEvent>> history = new HashMap<>();
    private final Map<String, OwnerIndex> owners = new HashMap<>();

    /** Creates an empty store. */
    public InMemoryWorkItemRepository() {
    }

    @Override
    public boolean insert(WorkItemWrite write) {
        Objects.requireNonNull(write, "write");
        WorkItem item = write.item();
        if (item.version() != 1) {
            throw new IllegalArgumentException("a new item has version 1, not " + item.version());
        }
        lock.writeLock().lock();
        try {
            if (items.containsKey(item.id())) {
                return false;
            }
            items.put(item.id(), item);
            index(item);
            history.put(item.id(), new ArrayList<>(write.events()));
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public Optional<WorkItem> findById(String id) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(items.get(id));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public boolean update(WorkItemWrite write) {
        Objects.requireNonNull(write, "write");
        WorkItem next = write.item();
        lock.writeLock().lock();
        try {
            WorkItem current = items.get(next.id());
            if (current == null || current.version() != write.expectedVersion()) {
                return false;
            }
            if (!current.created().equals(next.created())) {
                throw new IllegalArgumentException("created is immutable: " + current.created() + " -> " + next.created());
            }
            unindex(current);
            items.put(next.id(), next);
            index(next);
            history.computeIfAbsent(next.id(), k -> new ArrayList<>()).addAll(write.events());
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public List<WorkItem> findPage(PageQuery query) {
        lock.readLock().lock();
        try {
            OwnerIndex idx = owners.get(query.ownerId());
            if (idx == null || query.limit() == 0) {
                return List.of();
            }
            TreeMap<ListPosition, WorkItem> whole = idx.list(query.kind());
            NavigableMap<ListPosition, WorkItem> list = query.after() == null ? whole : whole.tailMap(query.after(), false);
            if (query.after() == null && query.offset() >= whole.size()) {
                return List.of(); // a sub-map's size() counts its entries one by one, so only the whole map's is asked
            }
            List<WorkItem> page = new ArrayList<>(Math.min(query.limit(), 256));
            Iterator<WorkItem> it = list.values().iterator();
            for (int skip = query.offset(); skip > 0 && it.hasNext(); skip--) {
                it.next();
            }
            while (it.hasNext() && page.size() < query.limit()) {
                page.add(it.next());
            }
            return page;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public OwnerCounts counts(String ownerId) {
        lock.readLock().lock();
        try {
            OwnerIndex idx = owners.get(ownerId);
            return idx == null ? OwnerCounts.NONE : new OwnerCounts(idx.pending.size(), idx.completed.size());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<HistoryEvent> history(String workItemId) {
        lock.readLock().lock();
        try {
            List<HistoryEvent> events = history.get(workItemId);
            return events == null ? List.of() : List.copyOf(events);
        } finally {
            lock.readLock().unlock();
        }
    }

    private void index(WorkItem item) {
        owners.computeIfAbsent(item.ownerId(), k -> new OwnerIndex()).list(ListKind.of(item.state())).put(ListPosition.after(item), item);
    }

    private void unindex(WorkItem item) {
        OwnerIndex idx = owners.get(item.ownerId());
        idx.list(ListKind.of(item.state())).remove(ListPosition.after(item));
        if (idx.isEmpty()) {
            owners.remove(item.ownerId());
        }
    }

    @Override
    public String toString() {
        return "InMemoryWorkItemRepository";
    }

}
