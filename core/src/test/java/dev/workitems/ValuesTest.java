package dev.workitems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00.123456Z");

    @Test
    void enumsReadPascalCaseUpperCaseAndTheOldTypo() {
        assertEquals(WorkItemState.PENDING, WorkItemState.fromWire("Pending"));
        assertEquals(WorkItemState.CANCELED, WorkItemState.fromWire("CANCELED"));
        assertThrows(InvalidRequestException.class, () -> WorkItemState.fromWire("pending"));
        assertThrows(InvalidRequestException.class, () -> WorkItemState.fromWire(null));
        assertEquals(WorkItemType.POLICY_VIOLATION, WorkItemType.fromWire("PolicyVioloation"));
        assertEquals(WorkItemType.POLICY_VIOLATION, WorkItemType.fromWire("PolicyViolation"));
        assertEquals(WorkItemType.VIOLATION_REVIEW, WorkItemType.fromWire("VIOLATIONREVIEW"));
        assertEquals(WorkItemType.VIOLATION_REVIEW, WorkItemType.fromWire("VIOLATION_REVIEW"));
        assertEquals("ViolationReview", WorkItemType.VIOLATION_REVIEW.wireName());
        assertThrows(InvalidRequestException.class, () -> WorkItemType.fromWire("Unknown"));
        for (WorkItemType t : WorkItemType.values()) {
            assertEquals(t, WorkItemType.fromWire(t.wireName()));
        }
    }

    @Test
    void workItemKeepsMillisecondsAndChecksItsFields() {
        WorkItem w = WorkItem.builder()
                .id("x")
                .ownerId("o")
                .ownerName("O")
                .created(T)
                .description("d")
                .build();
        assertEquals(Instant.parse("2026-01-01T00:00:00.123Z"), w.created());
        assertEquals(List.of(), w.errors());
        assertNull(w.numItems());
        InvalidRequestException e = assertThrows(
                InvalidRequestException.class,
                () -> w.toBuilder().state(WorkItemState.FINISHED).build());
        assertEquals(List.of("completed"), e.parameters());
        assertThrows(
                InvalidRequestException.class, () -> w.toBuilder().completed(T).build());
        assertThrows(
                InvalidRequestException.class, () -> w.toBuilder().ownerId(" ").build());
        assertThrows(
                InvalidRequestException.class, () -> w.toBuilder().version(0).build());
        ApprovalItem a = new ApprovalItem("a", null, "app", null, "op", null, null);
        assertEquals(
                List.of("approvalItems.id"),
                assertThrows(
                                InvalidRequestException.class,
                                () -> w.toBuilder().approvalItems(List.of(a, a)).build())
                        .parameters());
        List<ApprovalItem> withNull = new ArrayList<>();
        withNull.add(null);
        assertThrows(
                InvalidRequestException.class,
                () -> w.toBuilder().approvalItems(withNull).build());
    }

    @Test
    void freeFormValuesAreCopiedDeeplyAndMustBeJson() {
        Map<String, Object> inner = new HashMap<>();
        inner.put("k", "v");
        Map<String, Object> selection = new HashMap<>();
        selection.put("nested", inner);
        selection.put("nothing", null);
        WorkItem w = WorkItem.builder()
                .id("x")
                .ownerId("o")
                .ownerName("O")
                .created(T)
                .description("d")
                .accountSelection(selection)
                .build();
        inner.put("k", "changed");
        assertEquals("v", ((Map<?, ?>) w.accountSelection().get("nested")).get("k"));
        assertTrue(w.accountSelection().containsKey("nothing"));
        selection.put("bad", new Object());
        assertThrows(
                InvalidRequestException.class,
                () -> w.toBuilder().accountSelection(selection).build());
        selection.remove("bad");
        selection.put("nan", Double.NaN);
        assertThrows(
                InvalidRequestException.class,
                () -> w.toBuilder().accountSelection(selection).build());
        Map<String, Object> deep = new HashMap<>();
        Map<String, Object> cur = deep;
        for (int i = 0; i < 40; i++) {
            Map<String, Object> next = new HashMap<>();
            cur.put("d", next);
            cur = next;
        }
        assertThrows(
                InvalidRequestException.class,
                () -> w.toBuilder().accountSelection(deep).build());
    }

    @Test
    void numbersAreCanonical() {
        Map<String, Object> in = new java.util.LinkedHashMap<>();
        in.put("int", 1);
        in.put("big", new java.math.BigInteger("123456789012345678901234567890"));
        in.put("smallBig", java.math.BigInteger.TEN);
        in.put("double", 2.5d);
        in.put("wholeDecimal", new java.math.BigDecimal("7"));
        in.put("decimal", new java.math.BigDecimal("12.50"));
        Map<String, Object> out = WorkItem.builder()
                .id("x")
                .ownerId("o")
                .ownerName("O")
                .created(T)
                .description("d")
                .accountSelection(in)
                .build()
                .accountSelection();
        assertEquals(1L, out.get("int"));
        assertEquals(new java.math.BigInteger("123456789012345678901234567890"), out.get("big"));
        assertEquals(10L, out.get("smallBig"));
        assertEquals(new java.math.BigDecimal("2.5"), out.get("double"));
        assertEquals(7L, out.get("wholeDecimal"));
        assertEquals(new java.math.BigDecimal("12.50"), out.get("decimal"));
    }

    @Test
    void summaryMustAddUp() {
        assertEquals(new WorkItemSummary(2, 3, 5), WorkItemSummary.of(2, 3));
        assertThrows(IllegalArgumentException.class, () -> new WorkItemSummary(2, 3, 6));
    }

    @Test
    void callerNeedsAnIdentity() {
        assertThrows(InvalidRequestException.class, () -> Caller.of(" "));
        assertTrue(Caller.of("x", "ORG_ADMIN").hasRole("ORG_ADMIN"));
        assertEquals(java.util.Set.of(), new Caller("x", null).roles());
    }
}
