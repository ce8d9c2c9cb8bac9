package dev.workitems.http;

import static dev.workitems.testkit.Fixture.ADA;
import static dev.workitems.testkit.Fixture.FRED;
import static dev.workitems.testkit.Fixture.GINGER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workitems.WorkItem;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * V1: the same 13 work-item operations under {@code /work-items/v1} beside {@code /v2024/work-items}: the same status,
 * headers that matter and byte-identical bodies, each validated against the v1 layout's own document.
 */
class V1LayoutTest {
    private Api api;
    private String fred;
    private String admin;
    private String root;

    @BeforeEach
    void start() {
        api = new Api(RateLimit.off());
        fred = api.token(FRED);
        admin = api.token(ADA, "ORG_ADMIN");
        root = api.base.substring(0, api.base.length() - "/v2024".length());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<String> v1(String method, String token, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(root + "/work-items/v1" + path));
        b = method.equals("GET")
                ? b.GET()
                : b.POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body))
                        .header("Content-Type", "application/json");
        return api.send(b, token);
    }

    private static void same(HttpResponse<String> v2024, HttpResponse<String> v1, String what) {
        assertEquals(v2024.statusCode(), v1.statusCode(), what + ": " + v1.body());
        // byte-identical, but for an error's tracking id, which is each request's own
        assertEquals(untracked(v2024.body()), untracked(v1.body()), what + ": byte-identical bodies");
        assertEquals(v2024.headers().firstValue("X-Total-Count"), v1.headers().firstValue("X-Total-Count"), what);
    }

    private static String untracked(String body) {
        return body.replaceAll("\"trackingId\":\"[0-9a-f]{32}\"", "\"trackingId\":\"...\"");
    }

    @Test
    void everyReadIsTheSameInBothLayouts() {
        WorkItem approval = api.fx.approval(FRED, 2);
        api.fx.form(FRED);
        api.fx.generic(FRED);
        String id = approval.id();
        for (String[] read : List.of(
                new String[] {"", "work-items-v1.yaml"},
                new String[] {"?limit=1&offset=1&count=true", "work-items-v1.yaml"},
                new String[] {"/completed?count=true", "work-items-v1-completed.yaml"},
                new String[] {"/count", "work-items-v1-count.yaml"},
                new String[] {"/completed/count", "work-items-v1-completed-count.yaml"},
                new String[] {"/summary", "work-items-v1-summary.yaml"},
                new String[] {"/" + id, "work-items-v1-by-id.yaml"})) {
            HttpResponse<String> v1 = v1("GET", fred, read[0], null);
            same(api.get(fred, "/work-items" + read[0]), v1, "GET " + read[0]);
            Spec.assertValidV1(read[1], "get", v1.body());
        }
        same(api.get(api.token(GINGER), "/work-items/" + id), v1("GET", api.token(GINGER), "/" + id, null), "403");
        same(api.get(fred, "/work-items/nope"), v1("GET", fred, "/nope", null), "404");
        org.junit.jupiter.api.Assertions.assertThrows(
                AssertionError.class,
                () -> Spec.assertValidV1("work-items-v1-by-id.yaml", "get", "{\"state\":\"Happy\",\"created\":7}"),
                "the v1 document's schemas are really applied");
    }

    @Test
    void everyChangeAnswersWhatAReadInTheOtherLayoutThenShows() {
        WorkItem a = api.fx.approval(FRED, 3);
        WorkItem form = api.fx.form(FRED);
        WorkItem generic = api.fx.generic(FRED);
        String a0 = a.approvalItems().get(0).id();
        String a1 = a.approvalItems().get(1).id();
        String[][] changes = {
            {"/" + a.id() + "/approve/" + a0, null, "work-items-v1-by-id-approve-by-approvalitemid.yaml"},
            {"/" + a.id() + "/reject/" + a1, null, "work-items-v1-by-id-reject-by-approvalitemid.yaml"},
            {"/bulk-approve/" + a.id(), null, "work-items-v1-bulk-approve-by-id.yaml"},
            {"/bulk-reject/" + a.id(), null, "work-items-v1-bulk-reject-by-id.yaml"},
            {
                "/" + form.id() + "/submit-account-selection",
                "{\"account\":\"fred-astaire-sp\"}",
                "work-items-v1-by-id-submit-account-selection.yaml"
            },
            {"/" + generic.id(), null, "work-items-v1-by-id.yaml"}
        };
        for (String[] c : changes) {
            HttpResponse<String> changed = v1("POST", fred, c[0], c[1]);
            assertEquals(200, changed.statusCode(), c[0] + ": " + changed.body());
            Spec.assertValidV1(c[2], "post", changed.body());
            String itemId = c[0].startsWith("/bulk-") ? c[0].substring(c[0].lastIndexOf('/') + 1) : c[0].split("/")[1];
            assertEquals(api.get(admin, "/work-items/" + itemId).body(), changed.body(), c[0] + ": as read after it");
        }
        HttpResponse<String> forwarded = v1(
                "POST",
                fred,
                "/" + a.id() + "/forward",
                "{\"targetOwnerId\":\"" + GINGER + "\",\"comment\":\"yours\"}");
        assertEquals(200, forwarded.statusCode(), forwarded.body());
        assertEquals("", forwarded.body());
        assertEquals(
                GINGER,
                api.fx
                        .service()
                        .get(dev.workitems.testkit.Fixture.admin(), a.id())
                        .ownerId());
        HttpResponse<String> bad = v1("POST", fred, "/" + generic.id() + "/forward", "[1");
        same(api.post(fred, "/work-items/" + generic.id() + "/forward", "application/json", "[1"), bad, "400");
    }
}
