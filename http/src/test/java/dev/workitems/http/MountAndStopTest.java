package dev.workitems.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workitems.storage.memory.InMemoryWorkItemRepository;
import dev.workitems.testkit.Fixture;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The routes mount into a host's own Javalin, and stopping lets a request in flight finish. */
class MountAndStopTest {

    @Test
    void theApisErrorHandlingStaysOnItsOwnRoutes() throws Exception {
        Fixture fx = new Fixture(new InMemoryWorkItemRepository());
        WorkItemsHttp api = WorkItemsHttp.builder()
                .workItems(fx.service())
                .authenticator(JwtAuthenticator.builder()
                        .hmacSecret(Api.SECRET)
                        .clock(fx.clock())
                        .build())
                .build();
        Javalin app = Javalin.create(config -> {
                    api.mount(config);
                    config.routes.get("/host/boom", ctx -> {
                        throw new IllegalStateException("the host's own failure");
                    });
                    config.routes.get("/host/teapot", ctx -> {
                        throw new UnsupportedOperationException("short and stout");
                    });
                    config.routes.exception(
                            UnsupportedOperationException.class,
                            (e, ctx) -> ctx.status(418).result("host handled: " + e.getMessage()));
                })
                .start("127.0.0.1", 0);
        try {
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + app.port();
            HttpResponse<String> boom = get(client, base + "/host/boom", null);
            assertEquals(500, boom.statusCode(), "a host route that throws keeps Javalin's own answer");
            assertTrue(
                    !boom.body().contains("detailCode")
                            && boom.headers().firstValue("SLPT-Request-ID").isEmpty(),
                    "no SailPoint error body on a host route: " + boom.body());
            HttpResponse<String> teapot = get(client, base + "/host/teapot", null);
            assertEquals(418, teapot.statusCode(), "the host's own exception handler answers its route");
            assertEquals("host handled: short and stout", teapot.body());
            HttpResponse<String> missing = get(client, base + "/host/nowhere", null);
            assertEquals(404, missing.statusCode(), "a host 404 stays a 404");
            assertTrue(
                    !missing.body().contains("detailCode")
                            && missing.headers().firstValue("SLPT-Request-ID").isEmpty(),
                    "Javalin's own 404 on a host path: " + missing.body());

            fx.generic(Fixture.FRED);
            String token = Api.sign(
                    com.nimbusds.jose.JWSAlgorithm.HS256,
                    new com.nimbusds.jose.crypto.MACSigner(
                            Api.SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    Fixture.FRED,
                    fx.clock().instant().plusSeconds(60));
            HttpResponse<String> unauthenticated = get(client, base + "/v2024/work-items/count", null);
            assertEquals(401, unauthenticated.statusCode());
            assertTrue(unauthenticated.body().startsWith("{\"error\":\"JWT validation failed"), unauthenticated.body());
            HttpResponse<String> notFound = get(client, base + "/v2024/work-items/no-such-item", token);
            assertEquals(404, notFound.statusCode());
            assertTrue(notFound.body().contains("\"detailCode\":\"404 Not found\""), notFound.body());
            assertTrue(notFound.headers().firstValue("SLPT-Request-ID").isPresent());
            HttpResponse<String> unknownRoute = get(client, base + "/v2024/no-such-route", token);
            assertEquals(404, unknownRoute.statusCode());
            assertTrue(unknownRoute.body().contains("\"detailCode\":\"404 Not found\""), unknownRoute.body());
            HttpResponse<String> badLimit = get(client, base + "/v2024/work-items?limit=-1", token);
            assertEquals(400, badLimit.statusCode());
            assertTrue(badLimit.body().contains("\"detailCode\":\"400.1 Bad Request Content\""), badLimit.body());
        } finally {
            app.stop();
        }
    }

    private static HttpResponse<String> get(HttpClient client, String url, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return client.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void mountsBesideTheHostsRoutesAndStopsGracefully() throws Exception {
        Fixture fx = new Fixture(new InMemoryWorkItemRepository());
        WorkItemsHttp api = WorkItemsHttp.builder()
                .workItems(fx.service())
                .authenticator(JwtAuthenticator.builder()
                        .hmacSecret(Api.SECRET)
                        .clock(fx.clock())
                        .build())
                .build();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Javalin app = Javalin.create(config -> {
                    config.jetty.modifyServer(server -> server.setStopTimeout(20_000));
                    api.mount(config);
                    config.routes.get("/health", ctx -> ctx.result("up"));
                    config.routes.get("/slow", ctx -> {
                        entered.countDown();
                        release.await(20, TimeUnit.SECONDS);
                        ctx.result("finished");
                    });
                })
                .start("127.0.0.1", 0);
        HttpClient client = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + app.port();
        fx.generic(Fixture.FRED);
        String token = Api.sign(
                com.nimbusds.jose.JWSAlgorithm.HS256,
                new com.nimbusds.jose.crypto.MACSigner(Api.SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                Fixture.FRED,
                fx.clock().instant().plusSeconds(60));
        HttpResponse<String> count = client.send(
                HttpRequest.newBuilder(URI.create(base + "/v2024/work-items/count"))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("{\"count\":1}", count.body());
        assertEquals(
                "up",
                client.send(
                                HttpRequest.newBuilder(URI.create(base + "/health"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body(),
                "the host's own routes are untouched by the API's authentication");

        CompletableFuture<HttpResponse<String>> slow = client.sendAsync(
                HttpRequest.newBuilder(URI.create(base + "/slow")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(entered.await(20, TimeUnit.SECONDS));
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::stop);
        // Wait (by retrying, not sleeping) until the stopping server refuses new connections...
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        boolean refused = false;
        while (!refused && System.nanoTime() < deadline) {
            try {
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(base + "/health"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                refused = true;
            }
        }
        assertTrue(refused, "stopping closes the listener first");
        assertTrue(!slow.isDone(), "...while the request in flight is still running");
        release.countDown();
        HttpResponse<String> finished = slow.get(20, TimeUnit.SECONDS);
        assertEquals(200, finished.statusCode());
        assertEquals("finished", finished.body(), "the request in flight finished");
        stopping.get(30, TimeUnit.SECONDS);
    }
}
