package dev.workitems.http;

import static dev.workitems.testkit.Fixture.ADA;
import static dev.workitems.testkit.Fixture.FRED;
import static dev.workitems.testkit.Fixture.GINGER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemState;
import dev.workitems.testkit.Fixture;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The 13 operations over real HTTP: success paths validated against the spec, and the contract's errors. */
class HttpApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Api api;
    private String fred;
    private String admin;

    @BeforeEach
    void start() {
        api = new Api(RateLimit.off());
        fred = api.token(FRED);
        admin = api.token(ADA, "ORG_ADMIN");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    private static void ok(HttpResponse<String> r, String path, String method) {
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(
                r.headers().firstValue("Content-Type").orElse("").equalsIgnoreCase("application/json;charset=UTF-8"));
        assertTrue(r.headers().firstValue("SLPT-Request-ID").orElse("").matches("[0-9a-f]{32}"));
        Spec.assertValid(path, method, 200, r.body());
    }

    private static void error(HttpResponse<String> r, int status, String detailCode, String path, String method) {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode body = json(r);
        assertEquals(detailCode, body.get("detailCode").asText(), r.body());
        assertEquals(
                r.headers().firstValue("SLPT-Request-ID").orElseThrow(),
                body.get("trackingId").asText(),
                "the tracking id is the SLPT-Request-ID header");
        assertFalse(r.body().contains("at dev.") || r.body().contains("Exception"), "no stack trace: " + r.body());
        // Error bodies follow the shared components/responses schemas, whatever the path.
        Spec.assertValid(path == null ? "(any)" : path, method == null ? "(any)" : method, status, r.body());
    }

    private List<String> ids(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get("id").asText()));
        return out;
    }

    private String state() {
        StringBuilder sb = new StringBuilder();
        for (String owner : Fixture.IDENTITIES) {
            sb.append(api.get(admin, "/work-items?ownerId=" + owner).body());
            sb.append(api.get(admin, "/work-items/completed?ownerId=" + owner).body());
        }
        return sb.toString();
    }

    // ---- success paths ------------------------------------------------------------------------------------

    @Test
    void timersNeverReachTheWireFormat() {
        WorkItem plain = api.fx.approval(GINGER, 1);
        WorkItem timed = api.fx
                .service()
                .create(dev.workitems.NewWorkItem.builder()
                        .type(dev.workitems.WorkItemType.APPROVAL)
                        .description("Approve access, with a deadline")
                        .ownerId(FRED)
                        .approvalItem(dev.workitems.NewApprovalItem.of("acct", "GitHub", "groups", "add", "team"))
                        .timers(dev.workitems.Timers.builder()
                                .dueAfter(java.time.Duration.ofDays(5))
                                .reminders(dev.workitems.Timers.Reminders.once(
                                        dev.workitems.Timers.At.afterCreation(java.time.Duration.ofDays(1))))
                                .step(dev.workitems.Timers.Step.reassignTo(
                                        dev.workitems.Timers.At.afterCreation(java.time.Duration.ofDays(2)), GINGER))
                                .build())
                        .build());
        api.fx.tick(java.time.Duration.ofDays(3).toMillis());
        assertEquals(2, api.fx.service().sweep().actions(), "reminded, then reassigned to Ginger");
        admin = api.token(ADA, "ORG_ADMIN"); // the JWTs are checked on the same clock, three days on
        HttpResponse<String> withTimers = api.get(admin, "/work-items/" + timed.id());
        ok(withTimers, "/work-items/{id}", "get");
        HttpResponse<String> without = api.get(admin, "/work-items/" + plain.id());
        List<String> fields = new ArrayList<>();
        json(withTimers).fieldNames().forEachRemaining(fields::add);
        List<String> plainFields = new ArrayList<>();
        json(without).fieldNames().forEachRemaining(plainFields::add);
        assertEquals(plainFields, fields, "an item with timers has exactly the V2024 fields");
        assertEquals(GINGER, json(withTimers).get("ownerId").asText(), "the escalation's effect is visible");
        for (String word : List.of("timer", "due", "remind", "escalat")) {
            assertFalse(withTimers.body().toLowerCase(java.util.Locale.ROOT).contains(word), withTimers.body());
        }
        ok(api.get(admin, "/work-items?ownerId=" + GINGER), "/work-items", "get");
    }

    @Test
    void everyOperationAnswersTheContractsShape() {
        WorkItem approval = api.fx.approval(FRED, 3);
        WorkItem form = api.fx.form(FRED);
        WorkItem generic = api.fx.generic(FRED);
        String a0 = approval.approvalItems().get(0).id();
        String a1 = approval.approvalItems().get(1).id();

        HttpResponse<String> r = api.get(fred, "/work-items?limit=2&offset=0&count=true");
        ok(r, "/work-items", "get");
        assertEquals("3", r.headers().firstValue("X-Total-Count").orElse(null));
        assertEquals(2, json(r).size());
        r = api.get(fred, "/work-items/completed");
        ok(r, "/work-items/completed", "get");
        assertTrue(r.headers().firstValue("X-Total-Count").isEmpty(), "no total unless count=true");
        ok(api.get(fred, "/work-items/count"), "/work-items/count", "get");
        assertEquals(3, json(api.get(fred, "/work-items/count")).get("count").asInt());
        ok(api.get(fred, "/work-items/completed/count"), "/work-items/completed/count", "get");
        r = api.get(fred, "/work-items/summary");
        ok(r, "/work-items/summary", "get");
        assertEquals("{\"open\":3,\"completed\":0,\"total\":3}", r.body());

        r = api.get(fred, "/work-items/" + approval.id());
        ok(r, "/work-items/{id}", "get");
        JsonNode item = json(r);
        List<String> fields = new ArrayList<>();
        item.fieldNames().forEachRemaining(fields::add);
        assertEquals(
                List.of(
                        "id",
                        "requesterId",
                        "requesterDisplayName",
                        "ownerId",
                        "ownerName",
                        "created",
                        "modified",
                        "description",
                        "state",
                        "type",
                        "remediationItems",
                        "approvalItems",
                        "name",
                        "completed",
                        "numItems",
                        "form",
                        "errors"),
                fields,
                "every property, in the spec's order");
        assertTrue(item.get("modified").isNull()
                && item.get("completed").isNull()
                && item.get("form").isNull());
        assertTrue(item.get("remediationItems").isNull());
        assertEquals("[]", item.get("errors").toString());
        assertEquals("2026-01-05T09:00:00.000Z", item.get("created").asText(), "UTC with milliseconds (D13)");
        assertEquals("Pending", item.get("state").asText());
        assertEquals("Approval", item.get("type").asText());
        assertEquals(3, item.get("numItems").asInt());

        r = api.post(
                fred, "/work-items/" + approval.id() + "/approve/" + a0, "application/x-www-form-urlencoded", null);
        ok(r, "/work-items/{id}/approve/{approvalItemId}", "post");
        assertEquals(
                "Finished", json(r).get("approvalItems").get(0).get("state").asText());
        r = api.post(fred, "/work-items/" + approval.id() + "/reject/" + a1, "application/x-www-form-urlencoded", "");
        ok(r, "/work-items/{id}/reject/{approvalItemId}", "post");
        assertEquals(
                "Rejected", json(r).get("approvalItems").get(1).get("state").asText());
        r = api.post(fred, "/work-items/bulk-approve/" + approval.id(), "application/x-www-form-urlencoded", null);
        ok(r, "/work-items/bulk-approve/{id}", "post");
        assertEquals(
                "Finished", json(r).get("approvalItems").get(2).get("state").asText());
        WorkItem other = api.fx.approval(FRED, 2);
        r = api.post(fred, "/work-items/bulk-reject/" + other.id(), null, null);
        ok(r, "/work-items/bulk-reject/{id}", "post");

        r = api.post(
                fred,
                "/work-items/" + form.id() + "/submit-account-selection",
                "application/json",
                "{\"account\":\"fred-astaire-sp\",\"extra\":[1,2.5,{\"k\":true}]}");
        ok(r, "/work-items/{id}/submit-account-selection", "post");
        assertEquals("Finished", json(r).get("state").asText());
        assertEquals(1, json(r).get("numItems").asInt());
        assertEquals(
                "Section 1",
                json(r).get("form").get("sections").get(0).get("label").asText());

        r = api.post(
                fred,
                "/work-items/" + generic.id() + "/forward",
                "application/json",
                "{\"targetOwnerId\":\"" + GINGER
                        + "\",\"comment\":\"I'm going on vacation.\",\"sendNotifications\":true}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("", r.body(), "forward answers 200 with an empty body");
        assertEquals(GINGER, api.fx.service().get(Fixture.admin(), generic.id()).ownerId());
        assertEquals(1, api.fx.forwardNotifications().size());

        r = api.post(fred, "/work-items/" + approval.id(), "application/json", "{}");
        ok(r, "/work-items/{id}", "post");
        assertEquals("Finished", json(r).get("state").asText());
        assertTrue(json(r).get("completed").asText().endsWith("Z"));
    }

    @Test
    void completeAcceptsAnyBodyAndNoContentType() {
        for (String[] variant : new String[][] {
            {null, null},
            {"application/json", "{}"},
            {"application/json", "null"},
            {"application/json", "\"MyBody\""},
            {"text/plain", "whatever"}
        }) {
            WorkItem w = api.fx.generic(FRED);
            HttpResponse<String> r = api.post(fred, "/work-items/" + w.id(), variant[0], variant[1]);
            ok(r, "/work-items/{id}", "post");
            assertEquals(
                    WorkItemState.FINISHED,
                    api.fx.service().get(Fixture.admin(), w.id()).state());
        }
    }

    @Test
    void pagesWalkInOrderAndAdminsReadOthers() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            made.add(api.fx.generic(GINGER).id());
            api.fx.tick(i % 2);
        }
        List<String> walked = new ArrayList<>();
        for (int offset = 0; offset < 10; offset += 3) {
            HttpResponse<String> r =
                    api.get(admin, "/work-items?ownerId=" + GINGER + "&limit=3&offset=" + offset + "&count=true");
            ok(r, "/work-items", "get");
            assertEquals("7", r.headers().firstValue("x-total-count").orElse(null));
            walked.addAll(ids(json(r)));
        }
        List<String> expected = api
                .fx
                .service()
                .listPending(
                        Fixture.admin(), dev.workitems.ListQuery.firstPage().forOwner(GINGER))
                .items()
                .stream()
                .map(WorkItem::id)
                .toList();
        assertEquals(expected, walked);
        assertEquals(7, made.size());
        HttpResponse<String> zero = api.get(admin, "/work-items?ownerId=" + GINGER + "&limit=0&count=true");
        assertEquals("[]", zero.body());
        assertEquals("7", zero.headers().firstValue("X-Total-Count").orElse(null));
        assertEquals("[]", api.get(admin, "/work-items?ownerId=nobody-at-all").body(), "unknown owner: empty, not 404");
        ok(api.get(fred, "/work-items?sorters=-created&filters=id%20eq%20%22x%22&unknown=1"), "/work-items", "get");
    }

    // ---- errors -----------------------------------------------------------------------------------------------

    @Test
    void badPagingIs400NamingEachParameter() {
        HttpResponse<String> r = api.get(fred, "/work-items?limit=251&offset=-1&count=maybe");
        error(r, 400, "400.1 Bad Request Content", null, null);
        JsonNode causes = json(r).get("causes");
        assertEquals(3, causes.size());
        assertTrue(causes.get(0).get("text").asText().contains("limit"));
        assertTrue(causes.get(1).get("text").asText().contains("offset"));
        assertTrue(causes.get(2).get("text").asText().contains("count"));
        assertEquals("en-US", causes.get(0).get("locale").asText());
        error(api.get(fred, "/work-items/completed?limit=abc"), 400, "400.1 Bad Request Content", null, null);
    }

    @Test
    void forbiddenNotFoundAndConflictUseTheContractsBodies() {
        WorkItem w = api.fx.approval(GINGER, 1);
        error(api.get(fred, "/work-items/" + w.id()), 403, "403 Forbidden", "/work-items/{id}", "get");
        error(api.get(fred, "/work-items?ownerId=" + GINGER), 403, "403 Forbidden", "/work-items", "get");
        error(
                api.get(fred, "/work-items/summary?ownerId=" + GINGER),
                403,
                "403 Forbidden",
                "/work-items/summary",
                "get");
        error(
                api.get(fred, "/work-items/0123456789abcdef0123456789abcdef"),
                404,
                "404 Not found",
                "/work-items/{id}",
                "get");
        String g = api.token(GINGER);
        api.post(
                g,
                "/work-items/" + w.id() + "/reject/" + w.approvalItems().get(0).id(),
                null,
                null);
        HttpResponse<String> r = api.post(
                g,
                "/work-items/" + w.id() + "/approve/" + w.approvalItems().get(0).id(),
                null,
                null);
        error(r, 400, "400.1.409 Work item state conflict", "/work-items/{id}/approve/{approvalItemId}", "post");
        assertTrue(json(r).get("causes").get(0).get("text").asText().contains(w.id()));
        error(
                api.post(g, "/work-items/" + w.id() + "/approve/nope", null, null),
                404,
                "404 Not found",
                "/work-items/{id}/approve/{approvalItemId}",
                "post");
    }

    @Test
    void forwardErrors() {
        WorkItem w = api.fx.generic(FRED);
        String path = "/work-items/" + w.id() + "/forward";
        error(
                api.post(fred, path, "application/json", "{\"comment\":\"x\"}"),
                400,
                "400.1 Bad Request Content",
                "/work-items/{id}/forward",
                "post");
        error(
                api.post(fred, path, "application/json", "{\"targetOwnerId\":\"" + GINGER + "\",\"comment\":\" \"}"),
                400,
                "400.1 Bad Request Content",
                null,
                null);
        error(
                api.post(
                        fred,
                        path,
                        "application/json",
                        "{\"targetOwnerId\":\"ffffffffffffffffffffffffffffffff\",\"comment\":\"x\"}"),
                400,
                "400.1.404 Referenced object not found",
                null,
                null);
        error(
                api.post(fred, path, "application/json", "{\"targetOwnerId\":\"" + FRED + "\",\"comment\":\"x\"}"),
                400,
                "400.1 Bad Request Content",
                null,
                null);
        error(
                api.post(
                        fred,
                        path,
                        "application/json",
                        "{\"targetOwnerId\":\"" + GINGER + "\",\"comment\":\"x\",\"sendNotifications\":\"yes\"}"),
                400,
                "400.1 Bad Request Content",
                null,
                null);
        error(
                api.post(fred, path, "application/json", "{\"targetOwnerId\":42,\"comment\":\"x\"}"),
                400,
                "400.1 Bad Request Content",
                null,
                null);
        error(
                api.post(
                        fred,
                        "/work-items/0123456789abcdef0123456789abcdef/forward",
                        "application/json",
                        "{\"targetOwnerId\":\"" + GINGER + "\",\"comment\":\"x\"}"),
                404,
                "404 Not found",
                null,
                null);
        assertEquals(FRED, api.fx.service().get(Fixture.admin(), w.id()).ownerId());
        HttpResponse<String> r = api.send(
                HttpRequest.newBuilder(URI.create(api.base + path))
                        .header("Content-Type", "application/json")
                        .header("X-SailPoint-Experimental", "true")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"targetOwnerId\":\"" + GINGER
                                + "\",\"comment\":\"x\",\"sendNotifications\":false}")),
                fred);
        assertEquals(200, r.statusCode(), "the old experimental header is accepted (D19)");
        assertEquals(0, api.fx.forwardNotifications().size());
    }

    @Test
    void badBodiesAre400AndChangeNothing() {
        WorkItem form = api.fx.form(FRED);
        WorkItem w = api.fx.generic(FRED);
        String before = state();
        String sel = "/work-items/" + form.id() + "/submit-account-selection";
        String fwd = "/work-items/" + w.id() + "/forward";
        for (String[] call : new String[][] {
            {sel, "{\"account\": "},
            {sel, "[\"a\"]"},
            {sel, "\"text\""},
            {sel, "42"},
            {sel, ""},
            {sel, "{\"a\":1,\"a\":2}"},
            {sel, "{\"a\":1} trailing"},
            {fwd, "not json"},
            {fwd, "[]"},
            {fwd, "null"},
            {sel, "{\"a\":\"" + "x".repeat(WorkItemsHttp.MAX_BODY_BYTES) + "\"}"}
        }) {
            HttpResponse<String> r = api.post(fred, call[0], "application/json", call[1]);
            error(r, 400, "400.1 Bad Request Content", null, null);
            assertFalse(json(r).get("causes").isEmpty());
        }
        assertEquals(before, state(), "nothing changed");
    }

    @Test
    void oddIdsAreNotFoundAndChangeNothing() {
        api.fx.generic(FRED);
        String before = state();
        for (String id : List.of(
                "..%2F..%2Fetc%2Fpasswd",
                "%27%20OR%20%271%27%3D%271", "x%3BDROP%20TABLE%20work_item", "%2e%2e", "a%20b", "%00")) {
            HttpResponse<String> r = api.get(fred, "/work-items/" + id);
            assertTrue(r.statusCode() == 404 || r.statusCode() == 400, id + " -> " + r.statusCode() + " " + r.body());
            error(r, r.statusCode(), r.statusCode() == 404 ? "404 Not found" : "400.1 Bad Request Content", null, null);
            HttpResponse<String> p = api.post(fred, "/work-items/" + id, null, null);
            assertTrue(p.statusCode() == 404 || p.statusCode() == 400, id + " -> " + p.statusCode());
        }
        assertEquals(before, state());
    }

    @Test
    void idsWithReservedCharactersWorkWhenEachPathSegmentIsEncoded() {
        String odd = "team/7?x=1#frag%25 and more";
        String approvalId = "a/1?#%";
        api.fx
                .service()
                .create(dev.workitems.NewWorkItem.builder()
                        .id(odd)
                        .type(dev.workitems.WorkItemType.APPROVAL)
                        .name("Odd")
                        .description("An id with reserved characters")
                        .ownerId(FRED)
                        .approvalItem(
                                new dev.workitems.NewApprovalItem(approvalId, "acct", "GitHub", "groups", "add", "x"))
                        .approvalItem(dev.workitems.NewApprovalItem.of("acct", "GitHub", "groups", "add", "y"))
                        .build());
        String seg = enc(odd);
        HttpResponse<String> got = api.get(fred, "/work-items/" + seg);
        assertEquals(200, got.statusCode(), got.body());
        assertEquals(odd, json(got).get("id").asText());
        HttpResponse<String> approved =
                api.post(fred, "/work-items/" + seg + "/approve/" + enc(approvalId), null, null);
        assertEquals(200, approved.statusCode(), approved.body());
        assertEquals(
                "Finished",
                json(approved).get("approvalItems").get(0).get("state").asText());
        HttpResponse<String> rejected = api.post(fred, "/work-items/bulk-reject/" + seg, null, null);
        assertEquals(200, rejected.statusCode(), rejected.body());
        assertEquals(
                "Rejected",
                json(rejected).get("approvalItems").get(1).get("state").asText());
        HttpResponse<String> completed = api.post(fred, "/work-items/" + seg, "application/json", "{}");
        assertEquals(200, completed.statusCode(), completed.body());
        assertEquals("Finished", json(completed).get("state").asText());
    }

    private static String enc(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    @Test
    void fixedRoutesComeBeforeIds() {
        api.fx.generic(FRED);
        assertEquals(1, json(api.get(fred, "/work-items/count")).get("count").asInt());
        assertTrue(json(api.get(fred, "/work-items/summary")).has("open"));
        assertTrue(json(api.get(fred, "/work-items/completed")).isArray());
        assertEquals(
                0,
                json(api.get(fred, "/work-items/completed/count")).get("count").asInt());
        error(api.get(fred, "/work-items/count/extra/path"), 404, "404 Not found", null, null);
        error(api.get(fred, "/elsewhere"), 404, "404 Not found", null, null);
        error(
                api.send(
                        HttpRequest.newBuilder(URI.create(api.base + "/work-items/x"))
                                .DELETE(),
                        fred),
                404,
                "404 Not found",
                null,
                null);
    }

    // ---- authentication ---------------------------------------------------------------------------------------

    @Test
    void authenticationComesFirstAndNamesTheReason() {
        WorkItem w = api.fx.generic(GINGER);
        assertUnauthorized(api.get(null, "/work-items"), "no bearer token");
        assertUnauthorized(api.get("not.a.jwt", "/work-items"), "malformed");
        String expired = Api.sign(
                com.nimbusds.jose.JWSAlgorithm.HS256,
                mac(Api.SECRET),
                FRED,
                api.clock.instant().minusSeconds(1));
        HttpResponse<String> r = api.get(expired, "/work-items/" + w.id());
        assertEquals(401, r.statusCode());
        assertEquals("{\"error\":\"JWT validation failed: JWT is expired\"}", r.body());
        Spec.assertValid("/work-items/{id}", "get", 401, r.body());
        assertUnauthorized(
                api.get(
                        Api.sign(
                                com.nimbusds.jose.JWSAlgorithm.HS256,
                                mac("another-secret-of-at-least-thirty-two-bytes"),
                                FRED,
                                api.clock.instant().plusSeconds(60)),
                        "/work-items"),
                "signature is invalid");
        String none = new com.nimbusds.jwt.PlainJWT(new com.nimbusds.jwt.JWTClaimsSet.Builder()
                        .claim("identity_id", FRED)
                        .expirationTime(java.util.Date.from(api.clock.instant().plusSeconds(60)))
                        .build())
                .serialize();
        assertUnauthorized(api.get(none, "/work-items"), "alg none");
        assertUnauthorized(api.get(rs256(FRED), "/work-items"), "algorithm RS256 is not accepted");
        HttpResponse<String> raw = api.send(
                HttpRequest.newBuilder(URI.create(api.base + "/work-items"))
                        .header("Authorization", "Basic Zm9vOmJhcg=="),
                null);
        assertEquals(401, raw.statusCode());
        assertUnauthorized(api.get(null, "/work-items/" + w.id()), "no bearer token");
    }

    private static com.nimbusds.jose.crypto.MACSigner mac(String secret) {
        try {
            return new com.nimbusds.jose.crypto.MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (com.nimbusds.jose.KeyLengthException e) {
            throw new IllegalStateException(e);
        }
    }

    private String rs256(String identity) {
        try {
            java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            java.security.KeyPair kp = g.generateKeyPair();
            return Api.sign(
                    com.nimbusds.jose.JWSAlgorithm.RS256,
                    new com.nimbusds.jose.crypto.RSASSASigner(kp.getPrivate()),
                    identity,
                    api.clock.instant().plusSeconds(60));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertUnauthorized(HttpResponse<String> r, String reason) {
        assertEquals(401, r.statusCode(), r.body());
        assertTrue(
                r.body().startsWith("{\"error\":\"JWT validation failed: ")
                        && r.body().contains(reason),
                r.body());
        assertTrue(r.headers().firstValue("SLPT-Request-ID").isPresent());
    }

    @Test
    void forwardRolesMayForwardButNotRead() {
        WorkItem w = api.fx.generic(FRED);
        for (String role : List.of("REPORT_ADMIN", "ROLE_ADMIN", "ROLE_SUBADMIN", "SOURCE_ADMIN", "SOURCE_SUBADMIN")) {
            String t = api.token(Fixture.CYD, role);
            error(api.get(t, "/work-items/" + w.id()), 403, "403 Forbidden", "/work-items/{id}", "get");
            String target =
                    api.fx.service().get(Fixture.admin(), w.id()).ownerId().equals(FRED) ? GINGER : FRED;
            HttpResponse<String> r = api.post(
                    t,
                    "/work-items/" + w.id() + "/forward",
                    "application/json",
                    "{\"targetOwnerId\":\"" + target + "\",\"comment\":\"by " + role + "\"}");
            assertEquals(200, r.statusCode(), role + ": " + r.body());
        }
    }

    @Test
    void anUnexpectedFailureIs500WithoutAStackTrace() {
        Api failing = new Api(
                new dev.workitems.storage.memory.InMemoryWorkItemRepository(),
                RateLimit.off(),
                svc -> (dev.workitems.WorkItems) java.lang.reflect.Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {dev.workitems.WorkItems.class},
                        (proxy, m, args) -> {
                            if (m.getName().equals("summary")) {
                                throw new IllegalStateException("secret internal detail");
                            }
                            try {
                                return m.invoke(svc, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }));
        try {
            HttpResponse<String> r = failing.get(failing.token(FRED), "/work-items/summary");
            error(r, 500, "500.0 Internal Fault", "/work-items/summary", "get");
            assertFalse(r.body().contains("secret internal detail"));
            assertEquals(
                    "An internal fault occurred.",
                    json(r).get("messages").get(0).get("text").asText());
        } finally {
            failing.close();
        }
    }

    @Test
    void everyResponseCarriesATrackingId() {
        Iterator<HttpResponse<String>> rs = List.of(
                        api.get(fred, "/work-items"),
                        api.get(null, "/work-items"),
                        api.get(fred, "/work-items/nope"),
                        api.get(fred, "/work-items?limit=-1"))
                .iterator();
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (rs.hasNext()) {
            String id = rs.next().headers().firstValue("SLPT-Request-ID").orElseThrow();
            assertTrue(id.matches("[0-9a-f]{32}"));
            assertTrue(seen.add(id), "one per request");
        }
    }
}
