package dev.workitems.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.workitems.WorkItems;
import dev.workitems.spi.IdGenerator;
import dev.workitems.spi.WorkItemRepository;
import dev.workitems.storage.memory.InMemoryWorkItemRepository;
import dev.workitems.testkit.Fixture;
import dev.workitems.testkit.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** A real server on an ephemeral loopback port over the test fixture, with real tokens. */
final class Api implements AutoCloseable {
    static final String SECRET = "test-secret-of-at-least-thirty-two-bytes!!";

    final Fixture fx;
    final MutableClock clock;
    final TestCarrier.Running server;
    final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final String base;

    Api(RateLimit limit) {
        this(new InMemoryWorkItemRepository(), limit, null);
    }

    Api(WorkItemRepository store, RateLimit limit, java.util.function.UnaryOperator<WorkItems> wrap) {
        this(new Fixture(store), limit, wrap, b -> b);
    }

    private Api(
            Fixture fx,
            RateLimit limit,
            java.util.function.UnaryOperator<WorkItems> wrap,
            java.util.function.UnaryOperator<WorkItemsApi.Builder> more) {
        this.fx = fx;
        clock = fx.clock();
        WorkItems service = wrap == null ? fx.service() : wrap.apply(fx.service());
        WorkItemsApi http = more.apply(WorkItemsApi.builder()
                        .workItems(service)
                        .identities(fx.directory())
                        .authenticator(JwtAuthenticator.builder()
                                .hmacSecret(SECRET)
                                .clock(clock)
                                .build())
                        .rateLimit(limit)
                        .clock(clock)
                        .trackingIds(IdGenerator.randomUuid()))
                .build();
        server = TestCarrier.current().start(http);
        base = "http://127.0.0.1:" + server.port() + "/v2024";
    }

    /**
     * @param more changes the API's settings
     * @return a second server over this one's fixture and service (the same tokens work), with other settings
     */
    Api sibling(java.util.function.UnaryOperator<WorkItemsApi.Builder> more) {
        return new Api(fx, RateLimit.off(), null, more);
    }

    String token(String identity, String... roles) {
        try {
            return sign(
                    JWSAlgorithm.HS256,
                    new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)),
                    identity,
                    clock.instant().plusSeconds(3600),
                    roles);
        } catch (com.nimbusds.jose.KeyLengthException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(JWSAlgorithm alg, JWSSigner signer, String identity, Instant expiry, String... roles) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .claim("identity_id", identity)
                    .claim("authorities", List.of(roles))
                    .claim("user_name", identity)
                    .expirationTime(Date.from(expiry))
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String token, String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token);
    }

    HttpResponse<String> post(String token, String path, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b, token);
    }

    HttpResponse<String> put(String token, String path, String body) {
        return send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .PUT(HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", "application/json"),
                token);
    }

    HttpResponse<String> delete(String token, String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), token);
    }

    HttpResponse<String> send(HttpRequest.Builder b, String token) {
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return client.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> headers(HttpResponse<?> r) {
        return Map.copyOf(r.headers().map());
    }

    @Override
    public void close() {
        try {
            server.stop().close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the server", e);
        }
    }
}
