package dev.workitems.storage.memory;

import dev.workitems.HistoryEvent;
import dev.workitems.WorkItem;
import dev.workitems.spi.ListKind;
import dev.workitems.spi.OwnerCounts;
import dev.workitems.spi.PageQuery;
import dev.workitems.spi.WorkItemRepository;
import dev.workitems.spi.WorkItemWrite;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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


    private record Key(Instant created, String id) implements Comparable<Key> {
        static Key of(WorkItem w) {
            return new Key(w.created(), w.id());
        }

        @Override
        public int compareTo(Key o) {
            int c = created.compareTo(o.created);
            return c != 0 ? c : id.compareTo(o.id);
        }
    }

    private static final class OwnerIndex {
        final TreeMap<Key, WorkItem> pending = new TreeMap<>();
        final TreeMap<Key, WorkItem> completed = new TreeMap<>();

        TreeMap<Key, WorkItem> list(ListKind kind) {
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
            TreeMap<Key, WorkItem> list = idx.list(query.kind());
            if (query.offset() >= list.size()) {
                return List.of();
            }
            List<WorkItem> page = new ArrayList<>(Math.min(query.limit(), list.size() - query.offset()));
            Iterator<WorkItem> it = list.values().iterator();
            for (int skip = query.offset(); skip > 0; skip--) {
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
        owners.computeIfAbsent(item.ownerId(), k -> new OwnerIndex()).list(ListKind.of(item.state())).put(Key.of(item), item);
    }

    private void unindex(WorkItem item) {
        OwnerIndex idx = owners.get(item.ownerId());
        idx.list(ListKind.of(item.state())).remove(Key.of(item));
        if (idx.isEmpty()) {
            owners.remove(item.ownerId());
        }
    }

    @Override
    public String toString() {
        return "InMemoryWorkItemRepository";
    }

}
