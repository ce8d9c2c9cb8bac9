package dev.workitems.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.workitems.Caller;
import dev.workitems.HistoryAction;
import dev.workitems.TimerRunner;
import dev.workitems.WorkItem;
import dev.workitems.WorkItems;
import dev.workitems.storage.jdbc.JdbcWorkItemRepository;
import dev.workitems.testkit.Fixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The starter in a real Boot application on a real database (SQLite and PostgreSQL subclasses): transactions shared
 * with the host, the host's beans and properties, and the V2024 API on Boot's own port.
 */
@SpringBootTest(
        classes = StarterTestApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "workitems.http.jwt.hmac-secret=" + StarterTestApp.SECRET,
            "workitems.item-cache=100",
            "workitems.timers.poll-interval=1h",
            "workitems.subscriptions.batch-size=50",
            "management.endpoint.health.show-details=always",
            // Spring Security and Flyway are on this module's test class path for SecuredApiTest and FlywaySchemaTest;
            // this application uses neither: the caller comes from the library's own JWT check, the schema from the
            // library's migrations.
            "spring.autoconfigure.exclude="
                    + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration,"
                    + "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
                    + "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
                    + "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
                    + "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
                    + "org.springframework.boot.security.autoconfigure.actuate.web.servlet"
                    + ".ManagementWebSecurityAutoConfiguration,"
                    + "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet"
                    + ".OAuth2ResourceServerAutoConfiguration"
        })
abstract class StarterContract {
    private static final Caller GINGER = Caller.of(Fixture.GINGER);
    private final HttpClient client = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    WorkItems workItems;

    @Autowired
    StarterTestApp.AccessRequests host;

    @Autowired
    StarterTestApp.Told told;

    @Autowired
    WorkItemsProperties properties;

    @Autowired
    WorkItemsAutoConfiguration.FeedSubscriptions subscriptions;

    @Autowired
    TimerRunner timerRunner;

    @Autowired
    JdbcWorkItemRepository store;

    @Test
    void aTransactionCommitsTheHostsRowAndTheWorkItemTogether() throws InterruptedException {
        long before = workItems.countPending(GINGER, null).count();
        String request = "r-" + UUID.randomUUID();
        WorkItem item = host.request(request, false);
        assertEquals(1, host.rows(request), "the host's row is committed");
        assertEquals(before + 1, workItems.countPending(GINGER, null).count(), "so is the item and its counter");
        assertEquals(
                HistoryAction.CREATED,
                workItems.history(GINGER, item.id()).get(0).action(),
                "and its history");
        assertTrue(told.awaitChangeOf(item.id()), "the listener was told (on its own thread, after the commit)");
        assertTrue(
                workItems.feed(0, 10_000).stream().anyMatch(e -> e.workItemId().equals(item.id())), "feed event");
    }

    @Test
    void aRollbackLeavesNoItemHistoryCounterOrEvent() throws InterruptedException {
        WorkItem earlier = host.request("r-" + UUID.randomUUID(), false);
        assertTrue(told.awaitChangeOf(earlier.id()), "the listener has caught up with every earlier change");
        long before = workItems.countPending(GINGER, null).count();
        int events = workItems.feed(0, 10_000).size();
        int changes = told.changes.size();
        String request = "r-" + UUID.randomUUID();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> host.request(request, true));
        assertEquals("the host changed its mind", e.getMessage());
        assertEquals(0, host.rows(request), "the host's row rolled back");
        assertEquals(before, workItems.countPending(GINGER, null).count(), "no item, no counter");
        assertEquals(events, workItems.feed(0, 10_000).size(), "no feed event");
        // The listener thread tells changes in order: once it has told a later committed one, it would have told
        // the rolled-back one before it.
        WorkItem later = host.request("r-" + UUID.randomUUID(), false);
        assertTrue(told.awaitChangeOf(later.id()), "the listener was told of the committed change after it");
        assertEquals(changes + 1, told.changes.size(), "the listener heard nothing of a rolled-back change");
    }

    @Test
    void aDecisionInsideARolledBackTransactionIsNotStored() {
        String request = "r-" + UUID.randomUUID();
        WorkItem item = host.request(request, false);
        int events = workItems.feed(0, 10_000).size();
        int historyBefore = workItems.history(GINGER, item.id()).size();
        assertThrows(IllegalStateException.class, () -> host.decide(request, true, true));
        WorkItem stored = workItems.get(GINGER, item.id());
        assertTrue(stored.approvalItems().get(0).isUndecided(), "the approval rolled back with the host's update");
        assertEquals(historyBefore, workItems.history(GINGER, item.id()).size(), "no history entry");
        assertEquals(null, host.decision(request), "nor the host's own update");
        assertEquals(events, workItems.feed(0, 10_000).size(), "no feed event");
        WorkItem decided = host.decide(request, false, false);
        assertEquals(
                dev.workitems.WorkItemState.REJECTED,
                decided.approvalItems().get(0).state(),
                "and the same decision commits when the host's transaction does");
        assertEquals(historyBefore + 1, workItems.history(GINGER, item.id()).size());
        assertEquals("rejected", host.decision(request));
    }

    @Test
    void theApplicationsBeansAndPropertiesArePickedUp() {
        WorkItem item = host.request("r-" + UUID.randomUUID(), false);
        assertEquals(Fixture.START, item.created(), "the application's Clock bean");
        assertEquals("Ginger.Rogers", item.ownerName(), "the application's IdentityDirectory bean");
        assertEquals(100, properties.getItemCache());
        assertEquals(Duration.ofHours(1), properties.getTimers().getPollInterval());
        assertEquals(50, properties.getSubscriptions().options().batchSize(), "subscription settings bound");
        assertTrue(timerRunner.isRunning(), "the timer sweeper runs");
        assertEquals(1, subscriptions.open().size(), "one subscription for the one FeedHandler bean");
        assertEquals("audit", subscriptions.open().get(0).name(), "named after the bean");
        subscriptions.open().get(0).deliverOnce();
        assertTrue(
                told.events.stream().anyMatch(ev -> ev.workItemId().equals(item.id())),
                "the subscription delivered the item's event");
    }

    private HttpResponse<String> send(String method, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String token(String identity, String... roles) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim("identity_id", identity)
                .claim("authorities", List.of(roles))
                .expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(StarterTestApp.SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    @Test
    void theApiIsServedOnBootsOwnPort() throws Exception {
        WorkItem item = host.request("r-" + UUID.randomUUID(), false);
        String ginger = token(Fixture.GINGER);
        long pending = workItems.countPending(GINGER, null).count();

        HttpResponse<String> count = send("GET", "/v2024/work-items/count", ginger);
        assertEquals(200, count.statusCode(), count.body());
        assertEquals("{\"count\":" + pending + "}", count.body());
        assertEquals(
                32, count.headers().firstValue("SLPT-Request-ID").orElseThrow().length(), "a tracking id");

        HttpResponse<String> list = send("GET", "/v2024/work-items?count=true&limit=1", ginger);
        assertEquals(200, list.statusCode(), list.body());
        assertEquals(
                Long.toString(pending),
                list.headers().firstValue("X-Total-Count").orElseThrow());

        HttpResponse<String> v2024 = send("GET", "/v2024/work-items/" + item.id(), ginger);
        HttpResponse<String> v1 = send("GET", "/work-items/v1/" + item.id(), ginger);
        assertEquals(200, v2024.statusCode(), v2024.body());
        assertEquals(v2024.body(), v1.body(), "both layouts give the same body");

        String approval = item.approvalItems().get(0).id();
        HttpResponse<String> approved = send("POST", "/v2024/work-items/" + item.id() + "/approve/" + approval, ginger);
        assertEquals(200, approved.statusCode(), approved.body());
        assertTrue(approved.body().contains("\"state\":\"Finished\""), approved.body());
        assertEquals(
                dev.workitems.WorkItemState.FINISHED,
                workItems.get(GINGER, item.id()).approvalItems().get(0).state(),
                "the decision is stored");

        HttpResponse<String> anonymous = send("GET", "/v2024/work-items/count", null);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.body().startsWith("{\"error\":\"JWT validation failed: "), anonymous.body());

        HttpResponse<String> other = send("GET", "/v2024/work-items/" + item.id(), token(Fixture.FRED));
        assertEquals(403, other.statusCode(), other.body());
        assertTrue(other.body().contains("\"detailCode\":\"403 Forbidden\""), other.body());

        HttpResponse<String> unknown = send("GET", "/v2024/no-such-thing", ginger);
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertTrue(unknown.body().contains("\"detailCode\":\"404 Not found\""), unknown.body());

        HttpResponse<String> page = send("GET", "/tasks/", null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("data-api=\"/v2024\""), "the My Tasks page over this API");
    }

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void operationsAreMeasuredAndHealthIsReported() throws Exception {
        WorkItem item = host.request("r-" + UUID.randomUUID(), false);
        org.junit.jupiter.api.Assertions.assertThrows(
                dev.workitems.ForbiddenException.class, () -> workItems.get(Caller.of(Fixture.FRED), item.id()));
        assertTrue(
                meters.get("workitems.operation")
                                .tag("operation", "create")
                                .tag("outcome", "ok")
                                .timer()
                                .count()
                        >= 1,
                "a timer per operation and outcome");
        assertTrue(meters.get("workitems.operation")
                        .tag("operation", "get")
                        .tag("outcome", "forbidden")
                        .timer()
                        .count()
                >= 1);
        assertTrue(
                meters.get("workitems.subscription.lag.events")
                                .tag("subscription", "audit")
                                .gauge()
                                .value()
                        >= 0,
                "the audit subscription's lag");
        assertEquals(0.0, meters.get("workitems.timers.due").gauge().value(), "no timers are due");

        HttpResponse<String> health = send("GET", "/actuator/health", null);
        assertEquals(200, health.statusCode(), health.body());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(health.body());
        var w = json.path("components").path("workItems");
        assertEquals("UP", w.path("status").asText(), health.body());
        assertEquals("valid", w.path("details").path("schema").asText(), health.body());
        assertEquals(
                "ok",
                w.path("details")
                        .path("subscriptions")
                        .path("audit")
                        .path("status")
                        .asText());
    }

    @Test
    void theStoreJoinsTheApplicationsDataSource() {
        assertInstanceOf(JdbcWorkItemRepository.class, store);
        assertTrue(store.toString().contains(expectedDialect()), store.toString());
    }

    /** @return the dialect's name as the store prints it */
    abstract String expectedDialect();
}
