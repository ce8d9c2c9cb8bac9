package dev.workitems.http;

import static dev.workitems.testkit.Fixture.CYD;
import static dev.workitems.testkit.Fixture.FRED;
import static dev.workitems.testkit.Fixture.GINGER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The library's own identity search route (not part of any SailPoint API), for picking people by name. */
class IdentitySearchTest {
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
}
