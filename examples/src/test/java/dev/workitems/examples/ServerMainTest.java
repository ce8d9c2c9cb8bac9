package dev.workitems.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's server command: it seeds once, prints working tokens, and serves the API. */
class ServerMainTest {

    @Test
    void printedTokensWork(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String secret = "an-example-secret-of-at-least-32-bytes";
        try (ServerMain.Started s = ServerMain.start(
                dir.resolve("server.db"), "127.0.0.1", 0, secret, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            String printed = out.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains("Ginger.Rogers") && printed.contains("curl -s -i"), printed);
            String token = s.tokens().get("Ginger.Rogers");
            assertTrue(printed.contains(token));
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            "http://127.0.0.1:" + s.server().port() + "/v2024/work-items/summary"))
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals("{\"open\":7,\"completed\":2,\"total\":9}", r.body());
            String base = "http://127.0.0.1:" + s.server().port() + "/v2024";
            String rules = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(base + "/reassignment-configurations"))
                                    .header(
                                            "Authorization",
                                            "Bearer " + s.tokens().get("Ada.Admin"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertTrue(
                    rules.contains("\"name\":\"Fred.Astaire\"") && rules.contains("\"configType\":\"MANUAL_TASKS\""),
                    "the seeded out-of-office rule: " + rules);
            String cyds = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(base + "/work-items"))
                                    .header(
                                            "Authorization",
                                            "Bearer " + s.tokens().get("Cyd.Charisse"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertTrue(cyds.contains("Badge PIN reset"), "the task made for Fred landed with Cyd: " + cyds);
        }
        try (ServerMain.Started again = ServerMain.start(
                dir.resolve("server.db"),
                "127.0.0.1",
                0,
                secret,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            "http://127.0.0.1:" + again.server().port() + "/v2024/work-items/count"))
                                    .header(
                                            "Authorization",
                                            "Bearer " + again.tokens().get("Ginger.Rogers"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals("{\"count\":7}", r.body(), "a restart does not seed twice");
        }
    }
}
