package dev.workitems.spring.secured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.workitems.NewWorkItem;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemType;
import dev.workitems.WorkItems;
import dev.workitems.testkit.Fixture;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Spring Security as the source of the caller: the identity and roles come from the JWT Spring Security verified (with
 * a configured identity claim), and an unauthenticated request gets the contract's 401 body on the API's paths while
 * the host's own paths answer the host's way.
 */
@SpringBootTest(
        classes = SecuredApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "workitems.http.jwt.identity-claim=user_id",
            "workitems.timers.enabled=false",
            // this host has no DataSource of its own (spring-boot-starter-jdbc is on the class path for other tests):
            // the starter opens its embedded SQLite file
            "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"
        })
class SecuredApiTest {
    private final HttpClient client = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    WorkItems workItems;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry r) throws IOException {
        String file =
                Files.createTempDirectory("workitems-secured").resolve("app.db").toString();
        r.add("workitems.sqlite.path", () -> file);
    }

    private static String token(String key, String userId, Instant expiry, String... roles) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject("someone")
                .claim("authorities", List.of(roles))
                .expirationTime(Date.from(expiry));
        if (userId != null) {
            claims.claim("user_id", userId);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static String token(String userId, String... roles) throws Exception {
        return token(SecuredApp.KEY, userId, Instant.now().plusSeconds(3600), roles);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private WorkItem gingersItem() {
        return workItems.create(NewWorkItem.builder()
                .type(WorkItemType.GENERIC)
                .name("Print a badge")
                .description("Ginger's new badge")
                .ownerId(Fixture.GINGER)
                .build());
    }

    @Test
    void theCallerIsWhomSpringSecurityAuthenticatedByTheConfiguredClaims() throws Exception {
        WorkItem item = gingersItem();
        assertEquals(
                200,
                get("/v2024/work-items/" + item.id(), token(Fixture.GINGER)).statusCode(),
                "the owner");
        HttpResponse<String> fred = get("/v2024/work-items/" + item.id(), token(Fixture.FRED));
        assertEquals(403, fred.statusCode(), "another identity: " + fred.body());
        assertEquals(
                200,
                get("/v2024/work-items/" + item.id(), token(Fixture.ADA, "ORG_ADMIN"))
                        .statusCode(),
                "an admin by the roles claim");
        HttpResponse<String> count = get("/v2024/work-items/count", token(Fixture.GINGER));
        assertEquals(
                "{\"count\":"
                        + workItems
                                .countPending(dev.workitems.Caller.of(Fixture.GINGER), null)
                                .count() + "}",
                count.body());
    }

    @Test
    void unauthenticatedRequestsGetTheContracts401OnTheApiAndTheHostsOwnAnswerElsewhere() throws Exception {
        HttpResponse<String> none = get("/v2024/work-items/count", null);
        assertEquals(401, none.statusCode());
        assertEquals("{\"error\":\"JWT validation failed: no bearer token in the Authorization header\"}", none.body());
        assertEquals(
                32, none.headers().firstValue("SLPT-Request-ID").orElseThrow().length());

        HttpResponse<String> forged = get(
                "/v2024/work-items/count",
                token("x".repeat(40), Fixture.GINGER, Instant.now().plusSeconds(60)));
        assertEquals(401, forged.statusCode());
        assertTrue(forged.body().startsWith("{\"error\":\"JWT validation failed: "), forged.body());

        HttpResponse<String> expired = get(
                "/v2024/work-items/count",
                token(SecuredApp.KEY, Fixture.GINGER, Instant.now().minusSeconds(3600)));
        assertEquals(401, expired.statusCode());
        assertEquals("{\"error\":\"JWT validation failed: JWT is expired\"}", expired.body());

        HttpResponse<String> noIdentity = get("/v2024/work-items/count", token(null));
        assertEquals(401, noIdentity.statusCode());
        assertEquals("{\"error\":\"JWT validation failed: JWT has no user_id claim\"}", noIdentity.body());

        HttpResponse<String> host = get("/host/hello", null);
        assertEquals(401, host.statusCode(), "the host's path is the host's to answer");
        assertEquals("", host.body(), "with Spring Security's own 401, not the API's body");
        assertTrue(host.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals("hello", get("/host/hello", token(Fixture.FRED)).body());
    }
}
