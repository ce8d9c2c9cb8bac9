package dev.workitems.storage.memory;

import dev.workitems.FeedEvent;
import dev.workitems.HistoryEvent;
import dev.workitems.ListPosition;
import dev.workitems.ReassignmentConfigType;
import dev.workitems.ReassignmentRule;
import dev.workitems.TenantReassignmentSwitch;
import dev.workitems.WorkItem;
import dev.workitems.spi.DueQuery;
import dev.workitems.spi.FeedQuery;
import dev.workitems.spi.ListKind;
import dev.workitems.spi.OwnerCounts;
import dev.workitems.spi.PageQuery;
import dev.workitems.spi.ReassignmentStore;
import dev.workitems.spi.SubscriptionStore;
import dev.workitems.spi.WorkItemRepository;
import dev.workitems.spi.WorkItemWrite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The storage SPI in memory. Thread-safe: one read-write lock, so every call is atomic and reads run in parallel. Each
 * owner has two sorted indexes (pending and completed, in the contract's order; see {@link PositionIndex}) so that a
 * page touches only the {@code limit} entries it returns (an offset skips whole chunks), and a count or a summary is
 * two size reads. Items are deeply immutable values, so storing and returning the instances is as safe as copying them.
 * The event feed is a list appended under the write lock, so positions are consecutive and a reader never sees one
 * before a lower one. It has no transactions for a host to join: each call is atomic on its own.
 */
public final class InMemoryWorkItemRepository implements WorkItemRepository, SubscriptionStore, ReassignmentStore {

    private static final class OwnerIndex {
        final PositionIndex pending = new PositionIndex();
        final PositionIndex completed = new PositionIndex();

        PositionIndex list(ListKind kind) {
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
    /** Pending items with timers, in the order a sweep reads them: (timer due, id). */
    private final TreeSet<Due> due = new TreeSet<>(Due.ORDER);
    /** The event feed: the event at position p is at index p - 1, appended under the write lock. */
    private final List<FeedEvent> feed = new ArrayList<>();

    private final TreeMap<String, SubscriptionState> subscriptions = new TreeMap<>();

    /** Work Reassignment rules by identity, then config type. */
    private final TreeMap<String, java.util.EnumMap<ReassignmentConfigType, ReassignmentRule>> rules = new TreeMap<>();

    private TenantReassignmentSwitch tenantSwitch = TenantReassignmentSwitch.DEFAULT;

    /** The audit trail of rule changes, appended under the write lock. */
    private final List<RuleChange> ruleChanges = new ArrayList<>();

    /** Creates an empty store. */
    public InMemoryWorkItemRepository() {}

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
            appendFeed(write.events(), null, item);
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
                throw new IllegalArgumentException(
                        "created is immutable: " + current.created() + " -> " + next.created());
            }
            reindex(current, next);
            items.put(next.id(), next);
            history.computeIfAbsent(next.id(), k -> new ArrayList<>()).addAll(write.events());
            appendFeed(write.events(), current, next);
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
            return idx.list(query.kind()).page(query.after(), query.offset(), query.limit());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** An entry of the timer index. */
    private record Due(Instant at, String id) {
        static final Comparator<Due> ORDER = Comparator.comparing(Due::at).thenComparing(Due::id);
    }

    @Override
    public List<WorkItem> findDue(DueQuery query) {
        Objects.requireNonNull(query, "query");
        lock.readLock().lock();
        try {
            var from = query.afterDue() == null ? due : due.tailSet(new Due(query.afterDue(), query.afterId()), false);
            List<WorkItem> out = new ArrayList<>(Math.min(query.limit(), 256));
            for (Due d : from) {
                if (d.at().isAfter(query.now()) || out.size() == query.limit()) {
                    break;
                }
                out.add(items.get(d.id()));
            }
            return out;
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

    @Override
    public List<FeedEvent> feed(FeedQuery query) {
        Objects.requireNonNull(query, "query");
        lock.readLock().lock();
        try {
            int from = (int) Math.min(query.after(), feed.size());
            return List.copyOf(feed.subList(from, (int) Math.min(feed.size(), (long) from + query.limit())));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Optional<SubscriptionState> claim(SubscriptionClaim c) {
        lock.writeLock().lock();
        try {
            SubscriptionState s = subscriptions.computeIfAbsent(
                    c.name(), n -> new SubscriptionState(n, c.startAfter(), null, null, List.of()));
            boolean free = s.holder() == null
                    || s.holder().equals(c.instance())
                    || !s.leaseUntil().isAfter(c.now());
            if (!free) {
                return Optional.empty();
            }
            s = new SubscriptionState(s.name(), s.position(), c.instance(), c.leaseUntil(), s.parked());
            subscriptions.put(s.name(), s);
            return Optional.of(s);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public boolean advance(SubscriptionAdvance a) {
        lock.writeLock().lock();
        try {
            SubscriptionState s = subscriptions.get(a.name());
            if (s == null || !a.instance().equals(s.holder()) || s.position() != a.from()) {
                return false;
            }
            TreeMap<Long, ParkedEvent> parked = new TreeMap<>();
            s.parked().forEach(p -> parked.put(p.position(), p));
            a.unpark().forEach(parked::remove);
            a.park().forEach(p -> parked.put(p.position(), p));
            subscriptions.put(
                    s.name(),
                    new SubscriptionState(s.name(), a.to(), s.holder(), s.leaseUntil(), List.copyOf(parked.values())));
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public List<SubscriptionState> subscriptions() {
        lock.readLock().lock();
        try {
            return List.copyOf(subscriptions.values());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public boolean change(SubscriptionChange c) {
        lock.writeLock().lock();
        try {
            SubscriptionState s = subscriptions.get(c.name());
            if (s == null) {
                return false;
            }
            long position = s.position();
            List<ParkedEvent> parked = new ArrayList<>(s.parked());
            switch (c.kind()) {
                case RESET -> position = c.position();
                case RETRY, DROP -> {
                    int i = indexOf(parked, c.position());
                    if (i < 0) {
                        return false;
                    }
                    if (c.kind() == SubscriptionChange.Kind.DROP) {
                        parked.remove(i);
                    } else {
                        ParkedEvent p = parked.get(i);
                        parked.set(i, new ParkedEvent(p.position(), p.attempts(), p.error(), p.at(), true));
                    }
                }
            }
            subscriptions.put(s.name(), new SubscriptionState(s.name(), position, s.holder(), s.leaseUntil(), parked));
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public List<ReassignmentRule> rules(String identityId) {
        lock.readLock().lock();
        try {
            List<ReassignmentRule> out = new ArrayList<>();
            if (identityId == null) {
                rules.values().forEach(m -> out.addAll(m.values()));
            } else if (rules.containsKey(identityId)) {
                out.addAll(rules.get(identityId).values());
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public boolean writeRule(RuleWrite w) {
        lock.writeLock().lock();
        try {
            var mine =
                    rules.computeIfAbsent(w.identityId(), k -> new java.util.EnumMap<>(ReassignmentConfigType.class));
            if (!Objects.equals(mine.get(w.configType()), w.expected())) {
                return false;
            }
            if (w.next() == null) {
                mine.remove(w.configType());
            } else {
                mine.put(w.configType(), w.next());
            }
            if (mine.isEmpty()) {
                rules.remove(w.identityId());
            }
            ruleChanges.add(
                    new RuleChange(w.identityId(), w.configType(), w.at(), w.actorId(), w.expected(), w.next()));
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public List<RuleChange> ruleChanges(String identityId) {
        lock.readLock().lock();
        try {
            return ruleChanges.stream()
                    .filter(c -> identityId == null || c.identityId().equals(identityId))
                    .toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public TenantReassignmentSwitch tenantSwitch() {
        lock.readLock().lock();
        try {
            return tenantSwitch;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void writeTenantSwitch(TenantReassignmentSwitch next) {
        lock.writeLock().lock();
        try {
            tenantSwitch = Objects.requireNonNull(next, "next");
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static int indexOf(List<ParkedEvent> parked, long position) {
        for (int i = 0; i < parked.size(); i++) {
            if (parked.get(i).position() == position) {
                return i;
            }
        }
        return -1;
    }

    private void appendFeed(List<HistoryEvent> events, WorkItem before, WorkItem after) {
        for (HistoryEvent e : events) {
            feed.add(FeedEvent.of(feed.size() + 1, e, before, after));
        }
    }

    private void index(WorkItem item) {
        Instant at = item.timerDue();
        if (at != null) {
            due.add(new Due(at, item.id()));
        }
        owners.computeIfAbsent(item.ownerId(), k -> new OwnerIndex())
                .list(ListKind.of(item.state()))
                .put(item);
    }

    /**
     * Moves an item's index entries from one version to the next. Most changes (a decision on one approval item, a
     * comment) keep the owner, the list and the due time: then only the list entry's value is replaced (its position,
     * created and id, never changes), one lookup instead of a removal and an insertion.
     */
    private void reindex(WorkItem current, WorkItem next) {
        if (current.ownerId().equals(next.ownerId())
                && ListKind.of(current.state()) == ListKind.of(next.state())
                && Objects.equals(current.timerDue(), next.timerDue())) {
            owners.get(next.ownerId()).list(ListKind.of(next.state())).put(next);
            return;
        }
        unindex(current);
        index(next);
    }

    private void unindex(WorkItem item) {
        Instant at = item.timerDue();
        if (at != null) {
            due.remove(new Due(at, item.id()));
        }
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
