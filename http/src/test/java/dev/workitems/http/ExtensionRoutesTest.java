package dev.workitems.http;

import static dev.workitems.testkit.Fixture.CYD;
import static dev.workitems.testkit.Fixture.FRED;
import static dev.workitems.testkit.Fixture.GINGER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workitems.testkit.Fixture;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The library's own routes (not part of any SailPoint API): the identity search, for picking people by name, who the
 * caller is, and an item's history.
 */
class ExtensionRoutesTest {
    private Api api;
    private String token;
    private String root;

    @BeforeEach
    void start() {
        api = new Api(RateLimit.DEFAULT);
        token = api.token(FRED);
        root = api.base.substring(0, api.base.length() - "/v2024".length()) + "/workitems";
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<String> search(String query, String withToken) {
        return api.send(
                HttpRequest.newBuilder(URI.create(root + "/identities" + query)).GET(), withToken);
    }

    @Test
    void findsPeopleByPartOfTheirNameOrTheStartOfTheirId() throws Exception {
        HttpResponse<String> r = search("?q=GIN", token);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("[{\"id\":\"" + GINGER + "\",\"name\":\"Ginger.Rogers\"}]", r.body());
        var all = new ObjectMapper().readTree(search("?q=.", token).body());
        assertEquals(
                "[\"Ada.Admin\",\"Cyd.Charisse\",\"Fred.Astaire\",\"Ginger.Rogers\"]",
                new ObjectMapper()
                        .writeValueAsString(all.findValuesAsText("name"))
                        .replace(" ", ""),
                "by display name");
        assertEquals(
                2,
                new ObjectMapper()
                        .readTree(search("?q=.&limit=2", token).body())
                        .size());
        assertEquals(
                CYD,
                new ObjectMapper()
                        .readTree(search("?q=" + CYD.substring(0, 12), token).body())
                        .get(0)
                        .get("id")
                        .asText());
        assertEquals("[]", search("?q=nobody-has-this", token).body());
    }

    @Test
    void meNamesTheCallerTheTokenCarries() {
        HttpResponse<String> r =
                api.send(HttpRequest.newBuilder(URI.create(root + "/me")).GET(), token);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"id\":\"" + FRED + "\",\"name\":\"Fred.Astaire\"}", r.body());
        HttpResponse<String> other =
                api.send(HttpRequest.newBuilder(URI.create(root + "/me")).GET(), api.token("someone-unknown"));
        assertEquals("{\"id\":\"someone-unknown\",\"name\":\"someone-unknown\"}", other.body(), "no directory entry");
        HttpResponse<String> anonymous =
                api.send(HttpRequest.newBuilder(URI.create(root + "/me")).GET(), null);
        assertEquals(401, anonymous.statusCode(), anonymous.body());
    }

    @Test
    void badQueriesAndMissingTokensGetTheContractsAnswers() {
        for (String q : new String[] {"", "?q=", "?q=%20", "?q=a&limit=0", "?q=a&limit=51", "?q=a&limit=x"}) {
            HttpResponse<String> r = search(q, token);
            assertEquals(400, r.statusCode(), q + ": " + r.body());
            Spec.assertValid("(any)", "(any)", 400, r.body());
        }
        assertEquals(401, search("?q=a", null).statusCode());
        HttpResponse<String> unknown =
                api.send(HttpRequest.newBuilder(URI.create(root + "/nope")).GET(), token);
        assertEquals(404, unknown.statusCode(), unknown.body());
        Spec.assertValid("(any)", "(any)", 404, unknown.body());
    }

    @Test
    void anItemsHistoryIsReadByWhoeverMayReadTheItem() throws Exception {
        dev.workitems.WorkItem w = api.fx.approval(FRED, 1);
        api.fx.service().forward(Fixture.user(FRED), w.id(), dev.workitems.ForwardRequest.of(GINGER, "yours now"));
        String path = "/work-items/" + w.id() + "/history";
        HttpResponse<String> r =
                api.send(HttpRequest.newBuilder(URI.create(root + path)).GET(), api.token(GINGER));
        assertEquals(200, r.statusCode(), r.body());
        var events = new ObjectMapper().readTree(r.body());
        assertEquals(2, events.size());
        assertEquals("CREATED", events.get(0).get("action").asText());
        assertEquals("FORWARDED", events.get(1).get("action").asText());
        assertEquals("yours now", events.get(1).get("comment").asText());
        assertEquals(FRED, events.get(1).get("data").get("previousOwnerId").asText());
        assertEquals(
                403,
                api.send(HttpRequest.newBuilder(URI.create(root + path)).GET(), api.token(CYD))
                        .statusCode(),
                "Cyd may not read Ginger's item");
        assertEquals(
                404,
                api.send(
                                HttpRequest.newBuilder(URI.create(root + "/work-items/nope/history"))
                                        .GET(),
                                token)
                        .statusCode());
    }
}
