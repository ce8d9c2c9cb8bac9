package dev.workitems.examples;

import dev.workitems.Caller;
import dev.workitems.ListQuery;
import dev.workitems.NewApprovalItem;
import dev.workitems.NewWorkItem;
import dev.workitems.WorkItem;
import dev.workitems.WorkItems;
import dev.workitems.spi.InMemoryIdentityDirectory;
import dev.workitems.storage.memory.InMemoryWorkItemRepository;

/** The README's embedding example, kept compiling and running here. */
public final class QuickstartMain {
    private QuickstartMain() {}

    /** @param args ignored */
    public static void main(String[] args) {
        // --- README: embedding ---
        WorkItems workItems = WorkItems.builder()
                .storage(new InMemoryWorkItemRepository())
                .identities(new InMemoryIdentityDirectory()
                        .put("fred", "Fred.Astaire")
                        .put("ginger", "Ginger.Rogers"))
                .build();
        WorkItem item = workItems.create(NewWorkItem.builder()
                .name("Create an Account")
                .description("Create account fred-astaire-sp on GitHub for Fred.Astaire")
                .ownerId("ginger")
                .requesterId("fred")
                .approvalItem(NewApprovalItem.of("fred-astaire-sp", "GitHub", "account", "Create", "fred-astaire-sp"))
                .build());
        Caller ginger = Caller.of("ginger");
        workItems.approve(ginger, item.id(), item.approvalItems().get(0).id());
        workItems.complete(ginger, item.id());
        System.out.println(workItems
                .listCompleted(ginger, ListQuery.firstPage())
                .items()
                .get(0)
                .state()); // FINISHED
        // --- end ---
    }
}
