package dev.workitems.examples.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The example application as a person runs it, on a SQLite file of its own: the host's endpoint and the V2024 API on
 * one port, one transaction for the row and the item, the My Tasks page and the health.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "workitems.http.jwt.hmac-secret=an-example-test-secret-of-at-least-32-bytes")
class AccessRequestsAppTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Value("${workitems.http.jwt.hmac-secret}")
    String secret;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry r) throws IOException {
        String file = Files.createTempDirectory("workitems-boot-example")
                .resolve("app.db")
                .toString();
        r.add("spring.datasource.url", () -> "jdbc:sqlite:" + file);
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private long gingersPending(String token) throws Exception {
        return json.readTree(send("GET", "/v2024/work-items/count", token, null).body())
                .get("count")
                .asLong();
    }

    @Test
    void anAccessRequestAndItsWorkItemCommitTogetherOrNotAtAll() throws Exception {
        Map<String, String> tokens = AccessRequestsApp.tokens(secret);
        String ginger = tokens.get("Ginger.Rogers");
        long before = gingersPending(ginger);
        int rows = json.readTree(send("GET", "/access-requests", null, null).body())
                .size();
        String body = "{\"requesterId\":\"" + AccessRequestsApp.FRED + "\",\"ownerId\":\"" + AccessRequestsApp.GINGER
                + "\",\"application\":\"GitHub\",\"entitlement\":\"admin\"";

        HttpResponse<String> created = send("POST", "/access-requests", null, body + "}");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode request = json.readTree(created.body());
        assertEquals("Pending", request.get("workItemState").asText());
        assertEquals(before + 1, gingersPending(ginger), "the item is in Ginger's list on the same port");

        HttpResponse<String> failed = send("POST", "/access-requests", null, body + ",\"failAfterwards\":true}");
        assertEquals(500, failed.statusCode(), failed.body());
        assertTrue(failed.body().contains("rolled back"), failed.body());
        assertEquals(before + 1, gingersPending(ginger), "no item from the rolled-back request");
        assertEquals(
                rows + 1,
                json.readTree(send("GET", "/access-requests", null, null).body())
                        .size(),
                "no row");

        String item = request.get("workItemId").asText();
        HttpResponse<String> got = send("GET", "/v2024/work-items/" + item, ginger, null);
        String approval =
                json.readTree(got.body()).get("approvalItems").get(0).get("id").asText();
        assertEquals(
                200,
                send("POST", "/v2024/work-items/" + item + "/approve/" + approval, ginger, null)
                        .statusCode());
        assertEquals(
                200, send("POST", "/v2024/work-items/" + item, ginger, "{}").statusCode(), "complete");
        JsonNode after =
                json.readTree(send("GET", "/access-requests", null, null).body());
        boolean finished = false;
        for (JsonNode r : after) {
            finished |= r.get("workItemId").asText().equals(item)
                    && r.get("workItemState").asText().equals("Finished");
        }
        assertTrue(finished, "the host sees its request's work item finished: " + after);
    }

    @Test
    void thePageTheHealthAndTheContractsErrorsAreServedToo() throws Exception {
        HttpResponse<String> page = send("GET", "/", null, null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title>My Tasks</title>"));
        HttpResponse<String> health = send("GET", "/actuator/health", null, null);
        assertEquals(
                "UP",
                json.readTree(health.body())
                        .path("components")
                        .path("workItems")
                        .path("status")
                        .asText());
        HttpResponse<String> anonymous = send("GET", "/v2024/work-items", null, null);
        assertEquals(401, anonymous.statusCode());
        HttpResponse<String> bad = send(
                "POST",
                "/access-requests",
                null,
                "{\"requesterId\":\"x\",\"ownerId\":\"nobody-known\","
                        + "\"application\":\"GitHub\",\"entitlement\":\"a\"}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("nothing was written"), bad.body());
    }
}
