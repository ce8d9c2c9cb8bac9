package dev.workitems.http;

import static dev.workitems.testkit.Fixture.ADA;
import static dev.workitems.testkit.Fixture.FRED;
import static dev.workitems.testkit.Fixture.GINGER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.workitems.ForwardRequest;
import dev.workitems.WorkItem;
import dev.workitems.testkit.Fixture;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cache of the items' wire JSON never answers a changed item with its old JSON: over HTTP, every answer of the API
 * with the cache (the default) is byte for byte the answer of an API over the same service writing every item afresh,
 * through gets, pages and changes of every kind.
 */
class ItemJsonCacheTest {

    @Test
    void answersAreTheFreshlyWrittenOnesThroughChanges() throws Exception {
        try (Api cached = new Api(RateLimit.off());
                Api fresh = cached.sibling(b -> b.itemJsonCache(0))) {
            Fixture fx = cached.fx;
            WorkItem a = fx.approval(FRED, 3);
            WorkItem b = fx.generic(FRED);
            fx.tick(1_000);
            String fred = cached.token(FRED);
            String admin = cached.token(ADA, "ORG_ADMIN");
            List<String> paths = List.of(
                    "/work-items?ownerId=" + FRED + "&limit=250",
                    "/work-items/" + a.id(),
                    "/work-items/" + b.id(),
                    "/work-items/completed?ownerId=" + FRED);
            List<Runnable> changes = List.of(
                    () -> fx.service()
                            .approve(
                                    Fixture.user(FRED),
                                    a.id(),
                                    a.approvalItems().get(0).id()),
                    () -> fx.service()
                            .reject(
                                    Fixture.user(FRED),
                                    a.id(),
                                    a.approvalItems().get(1).id()),
                    () -> fx.service()
                            .forward(Fixture.user(FRED), b.id(), new ForwardRequest(GINGER, "over to you", false)),
                    () -> fx.service().bulkApprove(Fixture.user(FRED), a.id()),
                    () -> fx.service().complete(Fixture.user(GINGER), b.id()));
            int answered = 0;
            for (int step = 0; step <= changes.size(); step++) {
                for (String path : paths) {
                    for (String token : List.of(fred, admin)) {
                        HttpResponse<String> c = cached.get(token, path);
                        HttpResponse<String> f = fresh.get(token, path);
                        assertEquals(f.statusCode(), c.statusCode(), path);
                        if (f.statusCode() == 200) { // (errors differ by their tracking ids)
                            assertEquals(f.body(), c.body(), "after " + step + " changes: " + path);
                            // twice: the second answer comes from the cache
                            assertEquals(f.body(), cached.get(token, path).body(), path);
                            answered++;
                        }
                    }
                }
                if (step < changes.size()) {
                    fx.tick(1_000);
                    changes.get(step).run();
                }
            }
            assertEquals(45, answered, "the answers compared");
        }
    }

    @Test
    void aKeptPageServesOnlyTheSameItemsInTheSameOrder() {
        ItemJsonCache cache = new ItemJsonCache(1 << 20);
        Fixture fx = new Fixture(new dev.workitems.storage.memory.InMemoryWorkItemRepository());
        WorkItem a = fx.approval(FRED, 2);
        WorkItem b = fx.generic(FRED);
        WorkItem c = fx.generic(FRED);
        byte[] abc = cache.page(List.of(a, b, c));
        assertEquals(json(a, b, c), new String(abc, StandardCharsets.UTF_8));
        assertSame(abc, cache.page(List.of(a, b, c)), "the same objects: the kept bytes");
        WorkItem b2 = b.toBuilder().version(b.version() + 1).name("renamed").build();
        assertEquals(json(a, b2, c), text(cache.page(List.of(a, b2, c))), "an item changed inside the page");
        assertEquals(json(a, c, b), text(cache.page(List.of(a, c, b))), "another order");
        assertEquals(json(a, c), text(cache.page(List.of(a, c))), "an item left the page");
        assertEquals(json(a, b, b2, c), text(cache.page(List.of(a, b, b2, c))), "an item came in");
        assertEquals("[]", text(cache.page(List.of())));
        // a page larger than a sixteenth of the bound is answered, not kept
        ItemJsonCache small = new ItemJsonCache(16L * 100);
        byte[] big = small.page(List.of(a, b));
        assertEquals(json(a, b), text(big));
        assertEquals(json(a, b), text(small.page(List.of(a, b))));
        org.junit.jupiter.api.Assertions.assertNotSame(big, small.page(List.of(a, b)));
    }

    private static String json(WorkItem... items) {
        StringBuilder s = new StringBuilder("[");
        for (WorkItem w : items) {
            s.append(s.length() > 1 ? "," : "").append(text(WireJson.item(w)));
        }
        return s.append(']').toString();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void anEntryServesOnlyTheSameStoredStateOfTheItem() {
        ItemJsonCache cache = new ItemJsonCache(1 << 20);
        Fixture fx = new Fixture(new dev.workitems.storage.memory.InMemoryWorkItemRepository());
        WorkItem w = fx.approval(FRED, 2);
        byte[] first = cache.item(w);
        // another object of the same stored state (as a second read from a database gives) shares the entry
        assertSame(first, cache.item(w.toBuilder().build()));
        // a later version, or the same version with other times (a store filled again under the same ids), does not
        WorkItem next =
                w.toBuilder().version(w.version() + 1).description("changed").build();
        assertArrayEquals(WireJson.item(next), cache.item(next));
        WorkItem refilled = w.toBuilder()
                .created(w.created().plusMillis(1))
                .description("other")
                .build();
        assertEquals(
                new String(WireJson.item(refilled), StandardCharsets.UTF_8),
                new String(cache.item(refilled), StandardCharsets.UTF_8));
        // off: always written afresh
        ItemJsonCache off = new ItemJsonCache(0);
        assertEquals(null, off.page(List.of(w)));
        assertArrayEquals(WireJson.item(w), off.item(w));
    }
}
