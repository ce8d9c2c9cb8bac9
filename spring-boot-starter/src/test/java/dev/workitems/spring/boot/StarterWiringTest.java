package dev.workitems.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workitems.Caller;
import dev.workitems.NewWorkItem;
import dev.workitems.TimerRunner;
import dev.workitems.WorkItemType;
import dev.workitems.WorkItems;
import dev.workitems.http.WorkItemsApi;
import dev.workitems.spi.IdentityDirectory;
import dev.workitems.spi.InMemoryIdentityDirectory;
import dev.workitems.testkit.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** What the starter wires, and refuses to wire, in small contexts of its auto-configuration alone. */
class StarterWiringTest {
    private static final IdentityDirectory PEOPLE = new InMemoryIdentityDirectory().put(Fixture.GINGER, "Ginger");

    private final ApplicationContextRunner plain =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WorkItemsAutoConfiguration.class));

    @Test
    void withoutADataSourceTheStoreIsAnEmbeddedSqliteFileAtTheConfiguredPath(@TempDir Path dir) {
        Path file = dir.resolve("embedded.db");
        plain.withBean(IdentityDirectory.class, () -> PEOPLE)
                .withPropertyValues("workitems.sqlite.path=" + file, "workitems.timers.enabled=false")
                .run(ctx -> {
                    WorkItems w = ctx.getBean(WorkItems.class);
                    w.create(NewWorkItem.builder()
                            .type(WorkItemType.GENERIC)
                            .name("Print a badge")
                            .description("Ginger's new badge")
                            .ownerId(Fixture.GINGER)
                            .build());
                    assertEquals(
                            1, w.countPending(Caller.of(Fixture.GINGER), null).count());
                    assertTrue(Files.size(file) > 0, "the file holds the store");
                    assertFalse(ctx.containsBean("workItemsTimerRunner"), "timers.enabled=false: no sweeper");
                    assertFalse(ctx.containsBean("workItemsApi"), "not a web application: no routes");
                });
    }

    @Test
    void withoutAnIdentityDirectoryStartUpFailsSayingWhatIsMissingAndWhatToDo(@TempDir Path dir) {
        plain.withPropertyValues("workitems.sqlite.path=" + dir.resolve("x.db")).run(ctx -> {
            Throwable failure = ctx.getStartupFailure();
            MissingBeanException cause = rootCause(failure, MissingBeanException.class);
            assertTrue(cause.getMessage().contains("no IdentityDirectory"), cause.getMessage());
            FailureAnalysis analysis = new MissingBeanFailureAnalyzer().analyze(failure);
            assertTrue(
                    analysis.getDescription().contains(IdentityDirectory.class.getName()), analysis.getDescription());
            assertTrue(analysis.getAction().startsWith("Define one bean of type"), analysis.getAction());
        });
    }

    @Test
    void aWebApplicationWithoutAWayToAuthenticateFailsNamingTheProperty(@TempDir Path dir) {
        new WebApplicationContextRunner()
                .withClassLoader(new FilteredClassLoader("org.springframework.security"))
                .withConfiguration(AutoConfigurations.of(WorkItemsAutoConfiguration.class))
                .withBean(IdentityDirectory.class, () -> PEOPLE)
                .withPropertyValues("workitems.sqlite.path=" + dir.resolve("x.db"))
                .run(ctx -> {
                    MissingBeanException cause = rootCause(ctx.getStartupFailure(), MissingBeanException.class);
                    assertTrue(cause.getMessage().contains("workitems.http.jwt.hmac-secret"), cause.getMessage());
                });
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WorkItemsAutoConfiguration.class))
                .withBean(IdentityDirectory.class, () -> PEOPLE)
                .withPropertyValues("workitems.sqlite.path=" + dir.resolve("y.db"), "workitems.timers.enabled=false")
                .run(ctx -> assertInstanceOf(
                        SpringSecurityAuthenticator.class,
                        ctx.getBean(dev.workitems.http.Authenticator.class),
                        "with Spring Security, the caller comes from it"));
    }

    @Test
    void theApplicationsOwnBeansWinAndHttpCanBeSwitchedOff(@TempDir Path dir) {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WorkItemsAutoConfiguration.class))
                .withBean(IdentityDirectory.class, () -> PEOPLE)
                .withPropertyValues(
                        "workitems.sqlite.path=" + dir.resolve("x.db"),
                        "workitems.http.enabled=false",
                        "workitems.timers.poll-interval=5m")
                .run(ctx -> {
                    assertFalse(ctx.containsBean("workItemsApi"), "http.enabled=false: no routes");
                    assertTrue(ctx.getBean(TimerRunner.class).isRunning());
                    assertSame(PEOPLE, ctx.getBean(IdentityDirectory.class));
                });
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WorkItemsAutoConfiguration.class))
                .withBean(IdentityDirectory.class, () -> PEOPLE)
                .withPropertyValues(
                        "workitems.sqlite.path=" + dir.resolve("y.db"),
                        "workitems.http.jwt.hmac-secret=" + StarterTestApp.SECRET,
                        "workitems.http.base-path=/api/v2024",
                        "workitems.http.v1-path=",
                        "workitems.timers.enabled=false")
                .run(ctx -> {
                    WorkItemsApi api = ctx.getBean(WorkItemsApi.class);
                    assertEquals("/api/v2024", api.basePath());
                    assertTrue(api.routes().stream().noneMatch(r -> r.path().startsWith("/work-items/v1")), "no v1");
                    assertTrue(api.routes().stream().anyMatch(r -> r.path().equals("/api/v2024/work-items/{id}")));
                });
    }

    @Test
    void healthIsDownWhenASubscriptionIsStuckAndSaysWhich(@TempDir Path dir) {
        dev.workitems.testkit.MutableClock clock = new dev.workitems.testkit.MutableClock(Fixture.START);
        plain.withBean(IdentityDirectory.class, () -> PEOPLE)
                .withBean(java.time.Clock.class, () -> clock)
                .withPropertyValues(
                        "workitems.sqlite.path=" + dir.resolve("h.db"),
                        "workitems.timers.enabled=false",
                        "workitems.subscriptions.stuck-after=5m")
                .run(ctx -> {
                    WorkItems w = ctx.getBean(WorkItems.class);
                    WorkItemsHealthIndicator health = ctx.getBean(WorkItemsHealthIndicator.class);
                    // registered and delivered once, then never again: as if its instance hung
                    w.subscriptions()
                            .subscribe("billing", e -> {}, dev.workitems.SubscriptionOptions.DEFAULTS)
                            .deliverOnce();
                    assertEquals("UP", health.health(true).getStatus().getCode(), "nothing to handle yet");
                    w.create(NewWorkItem.builder()
                            .type(WorkItemType.GENERIC)
                            .name("Print a badge")
                            .description("Ginger's new badge")
                            .ownerId(Fixture.GINGER)
                            .build());
                    clock.advance(java.time.Duration.ofMinutes(4));
                    assertEquals("UP", health.health(true).getStatus().getCode(), "4 minutes behind is not stuck");
                    clock.advance(java.time.Duration.ofMinutes(2));
                    var h = health.health(true);
                    assertEquals("DOWN", h.getStatus().getCode(), "6 minutes behind is");
                    @SuppressWarnings("unchecked")
                    var billing = (java.util.Map<String, Object>)
                            ((java.util.Map<String, Object>) h.getDetails().get("subscriptions")).get("billing");
                    assertEquals("stuck", billing.get("status"));
                    assertEquals(360L, billing.get("oldestUnhandledAgeSeconds"));
                    assertEquals("valid", h.getDetails().get("schema"));
                });
    }

    private static <T extends Throwable> T rootCause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + t, t);
    }
}
