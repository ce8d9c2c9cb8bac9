package dev.workitems.storage.jdbc;

import dev.workitems.ApprovalItem;
import dev.workitems.Caller;
import dev.workitems.ForwardRequest;
import dev.workitems.NewApprovalItem;
import dev.workitems.NewWorkItem;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemType;
import dev.workitems.WorkItems;
import dev.workitems.WorkItemsException;
import dev.workitems.spi.InMemoryIdentityDirectory;

import java.io.PrintStream;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The child process of {@link CrashTest}: writes work items and decisions from three threads until it is killed,
 * printing {@code C <id> <version>} after each write the store acknowledged.
 */
public final class CrashWriterMain {
    static final List<String> OWNERS = List.of("owner-a", "owner-b", "owner-c", "owner-d");

    private CrashWriterMain() {
    }

    /** @param args JDBC URL, user ("-" for none), password ("-" for none), seed */
    public static void main(String[] args) throws Exception {
        JdbcWorkItemRepository.Builder b = JdbcWorkItemRepository.builder().jdbcUrl(args[0]).maximumPoolSize(4);
        if (!args[1].equals("-")) {
            b.username(args[1]);
        }
        if (!args[2].equals("-")) {
            b.password(args[2]);
        }
        JdbcWorkItemRepository store = b.build();
        InMemoryIdentityDirectory people = new InMemoryIdentityDirectory();
        OWNERS.forEach(o -> people.put(o, o.toUpperCase()));
        WorkItems svc = WorkItems.builder().storage(store).identities(people).notifier(n -> { }).build();
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        List<WorkItem> mine = new CopyOnWriteArrayList<>();
        long seed = Long.parseLong(args[3]);
        Thread[] threads = new Thread[3];
        for (int t = 0; t < threads.length; t++) {
            SplittableRandom r = new SplittableRandom(seed + t);
            threads[t] = new Thread(() -> {
                while (true) {
                    WorkItem done = step(svc, r, mine);
                    if (done != null) {
                        synchronized (out) {
                            out.println("C " + done.id() + " " + done.version());
                        }
                    }
                }
            });
            threads[t].start();
        }
        out.println("started");
        for (Thread t : threads) {
            t.join();
        }
    }

    private static WorkItem step(WorkItems svc, SplittableRandom r, List<WorkItem> mine) {
        Caller admin = Caller.of("root", "ORG_ADMIN");
        try {
            if (mine.isEmpty() || r.nextInt(4) == 0) {
                NewWorkItem.Builder nb = NewWorkItem.builder().type(WorkItemType.APPROVAL).description("crash test item")
                        .ownerId(OWNERS.get(r.nextInt(OWNERS.size())));
                for (int i = r.nextInt(4); i > 0; i--) {
                    nb.approvalItem(NewApprovalItem.of("acct", "GitHub", "team", "Add", "t" + i));
                }
                WorkItem w = svc.create(nb.build());
                mine.add(w);
                return w;
            }
            WorkItem w = svc.get(admin, mine.get(r.nextInt(mine.size())).id());
            int roll = r.nextInt(10);
            if (roll < 4 && w.approvalItems() != null && !w.approvalItems().isEmpty()) {
                ApprovalItem a = w.approvalItems().get(r.nextInt(w.approvalItems().size()));
                return r.nextBoolean() ? svc.approve(admin, w.id(), a.id()) : svc.reject(admin, w.id(), a.id());
            }
            if (roll < 7) {
                svc.forward(admin, w.id(), ForwardRequest.of(OWNERS.get(r.nextInt(OWNERS.size())), "crash test"));
                return svc.get(admin, w.id());
            }
            if (roll < 8) {
                return svc.bulkApprove(admin, w.id());
            }
            if (roll < 9) {
                return svc.complete(admin, w.id());
            }
            return svc.cancel("host", w.id(), "crash test");
        } catch (WorkItemsException e) {
            return null; // wrong state, same owner: not a write
        }
    }
}
