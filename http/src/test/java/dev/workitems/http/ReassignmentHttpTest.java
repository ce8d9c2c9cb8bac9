package dev.workitems.http;

import static dev.workitems.testkit.Fixture.ADA;
import static dev.workitems.testkit.Fixture.CYD;
import static dev.workitems.testkit.Fixture.FRED;
import static dev.workitems.testkit.Fixture.GINGER;
import static dev.workitems.testkit.Fixture.NOBODY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workitems.NewWorkItem;
import dev.workitems.WorkItemType;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The 9 Work Reassignment routes over real HTTP (CONTRACT.md Part C, R5-R8): each answers the upstream schema (every
 * body validated against the upstream document), create 201 and delete 204 with an empty body, hostile input the
 * contract's 400 with nothing changed, other people's rules 403, and a rule set over HTTP sends new work on.
 */
class ReassignmentHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "/reassignment-configurations";

    private Api api;
    private String ginger;
    private String fred;
    private String admin;

    @BeforeEach
    void start() {
        api = new Api(RateLimit.DEFAULT);
        ginger = api.token(GINGER);
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
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    private static JsonNode ok(HttpResponse<String> r, int status, String path, String method) {
        assertEquals(status, r.statusCode(), r.body());
        Spec.assertValidReassignment(path, method, status, r.body());
        return json(r);
    }

    private static void refused(HttpResponse<String> r, int status, String detailCode) {
        assertEquals(status, r.statusCode(), r.body());
        if (detailCode != null) {
            assertEquals(detailCode, json(r).get("detailCode").asText(), r.body());
        }
        Spec.assertValidReassignment("(any)", "(any)", status, r.body());
    }

    private static String rule(String from, String to, String type) {
        return "{\"reassignedFromId\":\"" + from + "\",\"reassignedToId\":\"" + to + "\",\"configType\":\"" + type
                + "\",\"startDate\":\"2026-01-05T09:00:00.000Z\",\"endDate\":\"2026-02-05T09:00:00.000Z\"}";
    }

    @Test
    void everyRouteAnswersTheUpstreamShape() {
        JsonNode types = ok(api.get(ginger, BASE + "/types"), 200, BASE + "/types", "get");
        assertEquals(3, types.size());
        assertEquals("ACCESS_REQUESTS", types.get(0).get("internalNameCamel").asText(), "as upstream names them");
        assertEquals("accessRequests", types.get(0).get("internalName").asText());

        HttpResponse<String> created = api.post(ginger, BASE, "application/json", rule(GINGER, CYD, "ACCESS_REQUESTS"));
        JsonNode c = ok(created, 201, BASE, "post");
        assertEquals(GINGER, c.get("identity").get("id").asText());
        assertEquals("Ginger.Rogers", c.get("identity").get("name").asText(), "identities carry their names (D16)");
        JsonNode detail = c.get("configDetails").get(0);
        assertEquals("ACCESS_REQUESTS", detail.get("configType").asText());
        assertEquals(CYD, detail.get("targetIdentity").get("id").asText());
        assertEquals("2026-02-05T09:00:00.000Z", detail.get("endDate").asText());
        assertEquals(
                GINGER, detail.get("auditDetails").get("createdBy").get("id").asText());

        JsonNode mine = ok(api.get(ginger, BASE + "/" + GINGER), 200, BASE + "/{identityId}", "get");
        assertEquals(1, mine.get("configDetails").size());
        JsonNode all = ok(api.get(admin, BASE), 200, BASE, "get");
        assertEquals(1, all.size());
        assertEquals(0, ok(api.get(fred, BASE), 200, BASE, "get").size(), "Fred lists only his own");

        JsonNode put = ok(
                api.put(admin, BASE + "/" + GINGER, rule(GINGER, FRED, "ACCESS_REQUESTS")),
                200,
                BASE + "/{identityId}",
                "put");
        assertEquals(
                FRED,
                put.get("configDetails").get(0).get("targetIdentity").get("id").asText());
        assertEquals(
                ADA,
                put.get("configDetails")
                        .get(0)
                        .get("auditDetails")
                        .get("modifiedBy")
                        .get("id")
                        .asText());

        JsonNode ev = ok(
                api.get(admin, BASE + "/" + GINGER + "/evaluate/ACCESS_REQUESTS"),
                200,
                BASE + "/{identityId}/evaluate/{configType}",
                "get");
        assertEquals(FRED, ev.get(0).get("reassignToId").asText());
        assertEquals(
                "AUTOMATIC_REASSIGNMENT",
                ev.get(0).get("lookupTrail").get(0).get("reassignmentType").asText());

        JsonNode tenant = ok(api.get(fred, BASE + "/tenant-config"), 200, BASE + "/tenant-config", "get");
        assertEquals(false, tenant.get("configDetails").get("disabled").asBoolean());
        JsonNode off = ok(
                api.put(admin, BASE + "/tenant-config", "{\"configDetails\":{\"disabled\":true}}"),
                200,
                BASE + "/tenant-config",
                "put");
        assertEquals(true, off.get("configDetails").get("disabled").asBoolean());
        api.put(admin, BASE + "/tenant-config", "{\"configDetails\":{\"disabled\":false}}");

        HttpResponse<String> deleted = api.delete(ginger, BASE + "/" + GINGER + "/ACCESS_REQUESTS");
        assertEquals(204, deleted.statusCode(), deleted.body());
        assertEquals("", deleted.body());
        assertEquals(
                0,
                ok(api.get(ginger, BASE + "/" + GINGER), 200, BASE + "/{identityId}", "get")
                        .get("configDetails")
                        .size());
    }

    @Test
    void aRuleSetOverHttpSendsNewWorkOn() {
        ok(api.post(ginger, BASE, "application/json", rule(GINGER, CYD, "ACCESS_REQUESTS")), 201, BASE, "post");
        String id = api.fx
                .service()
                .create(NewWorkItem.builder()
                        .type(WorkItemType.APPROVAL)
                        .description("Approve GitHub access for Fred.Astaire")
                        .ownerId(GINGER)
                        .build())
                .id();
        JsonNode item = json(api.get(api.token(CYD), "/work-items/" + id));
        assertEquals(CYD, item.get("ownerId").asText(), "Ginger is away: the item is Cyd's");
    }

    @Test
    void hostileInputAndOtherPeoplesRulesAreRefusedAndChangeNothing() {
        String before = api.get(admin, BASE).body();
        refused(api.post(fred, BASE, "application/json", rule(GINGER, CYD, "ACCESS_REQUESTS")), 403, null);
        refused(
                api.post(ginger, BASE, "application/json", rule(GINGER, NOBODY, "ACCESS_REQUESTS")),
                400,
                "400.1.404 Referenced object not found");
        refused(api.post(ginger, BASE, "application/json", rule(GINGER, GINGER, "ACCESS_REQUESTS")), 400, null);
        refused(api.post(ginger, BASE, "application/json", rule(GINGER, CYD, "HOLIDAYS")), 400, null);
        refused(api.post(ginger, BASE, "application/json", "{\"reassignedFromId\": 7}"), 400, null);
        refused(api.post(ginger, BASE, "application/json", "[1, 2"), 400, null);
        refused(
                api.post(
                        ginger,
                        BASE,
                        "application/json",
                        rule(GINGER, CYD, "ACCESS_REQUESTS").replace("2026-01-05T09:00:00.000Z", "yesterday")),
                400,
                null);
        refused(api.put(ginger, BASE + "/" + GINGER, rule(FRED, CYD, "ACCESS_REQUESTS")), 400, null);
        refused(api.put(fred, BASE + "/tenant-config", "{\"configDetails\":{\"disabled\":true}}"), 403, null);
        refused(api.put(admin, BASE + "/tenant-config", "{\"configDetails\":{\"disabled\":\"yes\"}}"), 400, null);
        refused(api.delete(ginger, BASE + "/" + GINGER + "/ACCESS_REQUESTS"), 404, null);
        refused(api.delete(ginger, BASE + "/" + GINGER + "/NOT_A_TYPE"), 400, null);
        refused(api.get(ginger, BASE + "/" + GINGER + "/evaluate/ACCESS_REQUESTS?exclusionFilters=OTHER"), 400, null);
        refused(api.get(fred, BASE + "/" + GINGER), 403, null);
        refused(api.get(null, BASE), 401, null);
        assertEquals(before, api.get(admin, BASE).body(), "nothing changed");
        assertTrue(api.get(admin, BASE + "/tenant-config").body().contains("\"disabled\":false"));
    }
}
