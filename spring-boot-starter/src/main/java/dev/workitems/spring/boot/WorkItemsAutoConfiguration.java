package dev.workitems.spring.boot;

import dev.workitems.AuthorizationPolicy;
import dev.workitems.LifecycleOptions;
import dev.workitems.SubscriptionOptions;
import dev.workitems.Subscriptions;
import dev.workitems.TimerRunner;
import dev.workitems.WorkItems;
import dev.workitems.http.Authenticator;
import dev.workitems.http.JwtAuthenticator;
import dev.workitems.http.MyTasksPage;
import dev.workitems.http.RateLimit;
import dev.workitems.http.WorkItemsApi;
import dev.workitems.micrometer.WorkItemsMetrics;
import dev.workitems.spi.EscalationResolver;
import dev.workitems.spi.FeedHandler;
import dev.workitems.spi.ForwardNotifier;
import dev.workitems.spi.IdGenerator;
import dev.workitems.spi.IdentityDirectory;
import dev.workitems.spi.OperationObserver;
import dev.workitems.spi.TimerNotifier;
import dev.workitems.spi.WorkItemGuard;
import dev.workitems.spi.WorkItemListener;
import dev.workitems.spi.WorkItemRepository;
import dev.workitems.storage.jdbc.JdbcWorkItemRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Wires workitems into a Spring Boot application: the store over the application's {@code DataSource}, joined to
 * Spring's transactions (else an embedded SQLite file), the {@link WorkItems} service with the beans the application
 * defines, the timer sweeper, subscriptions for {@link FeedHandler} beans, and the V2024 API with the My Tasks page on
 * the application's own web server. Every bean backs off when the application defines its own.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"
        })
@EnableConfigurationProperties(WorkItemsProperties.class)
class WorkItemsAutoConfiguration {

    /**
     * The store: over the application's DataSource when it has exactly one (joined to Spring-managed transactions),
     * else its own pool on an embedded SQLite file ({@code workitems.sqlite.path}).
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(WorkItemRepository.class)
    @org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization // after Flyway or Liquibase
    JdbcWorkItemRepository workItemRepository(ObjectProvider<DataSource> dataSources, WorkItemsProperties p) {
        JdbcWorkItemRepository.Builder b = JdbcWorkItemRepository.builder().schemaMode(p.getSchemaMode());
        DataSource ds = dataSources.getIfUnique();
        if (ds != null) {
            b.dataSource(ds).hostTransactions(new SpringHostTransactions(ds));
        } else {
            b.sqliteFile(p.getSqlite().getPath()).maximumPoolSize(p.getSqlite().getPoolSize());
        }
        return b.build();
    }

    /** The service, with whatever of its parts the application defines as beans. */
    @Bean
    @ConditionalOnMissingBean(WorkItems.class)
    WorkItems workItems(
            WorkItemRepository storage,
            ObjectProvider<IdentityDirectory> identities,
            ObjectProvider<AuthorizationPolicy> policy,
            ObjectProvider<Clock> clock,
            ObjectProvider<IdGenerator> ids,
            ObjectProvider<LifecycleOptions> options,
            ObjectProvider<ForwardNotifier> forwardNotifier,
            ObjectProvider<TimerNotifier> timerNotifier,
            ObjectProvider<EscalationResolver> escalationResolver,
            ObjectProvider<WorkItemGuard> guards,
            ObjectProvider<WorkItemListener> listeners,
            ObjectProvider<OperationObserver> observers,
            WorkItemsProperties p) {
        IdentityDirectory directory = identities.getIfUnique();
        if (directory == null) {
            throw new MissingBeanException(
                    IdentityDirectory.class,
                    "define one bean of type " + IdentityDirectory.class.getName()
                            + " (for example an InMemoryIdentityDirectory, or an adapter over your user table): "
                            + "workitems must know who exists (owners, forward targets, delegates)");
        }
        WorkItems.Builder b = WorkItems.builder()
                .storage(storage)
                .identities(directory)
                .maxAttempts(p.getMaxAttempts())
                .sweepBatch(p.getTimers().getBatch());
        if (p.getItemCache() != null) {
            b.itemCache(p.getItemCache());
        }
        if (p.getInstanceId() != null && !p.getInstanceId().isBlank()) {
            b.instanceId(p.getInstanceId());
        }
        policy.ifUnique(b::policy);
        clock.ifUnique(b::clock);
        ids.ifUnique(b::ids);
        options.ifUnique(b::options);
        forwardNotifier.ifUnique(b::notifier);
        timerNotifier.ifUnique(b::timerNotifier);
        escalationResolver.ifUnique(b::escalationResolver);
        guards.orderedStream().forEach(b::guard);
        listeners.orderedStream().forEach(b::listener);
        List<OperationObserver> all = observers
                .orderedStream()
                .filter(o -> o != OperationObserver.NONE)
                .toList();
        if (all.size() == 1) {
            b.observer(all.get(0));
        } else if (all.size() > 1) {
            b.observer(new Observers(all));
        }
        return b.build();
    }

    /** Sweeps due timers on a daemon thread ({@code workitems.timers.*}); stopped with the application. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(TimerRunner.class)
    @ConditionalOnProperty(name = "workitems.timers.enabled", matchIfMissing = true)
    TimerRunner workItemsTimerRunner(WorkItems workItems, WorkItemsProperties p) {
        return TimerRunner.start(workItems, p.getTimers().getPollInterval());
    }

    /**
     * A durable subscription to the event feed for each {@link FeedHandler} bean, named after the bean, started with
     * the application and closed with it; options from a {@link SubscriptionOptions} bean, else
     * {@code workitems.subscriptions.*}.
     */
    @Bean(destroyMethod = "close")
    FeedSubscriptions workItemsSubscriptions(
            WorkItems workItems,
            Map<String, FeedHandler> handlers,
            ObjectProvider<SubscriptionOptions> options,
            WorkItemsProperties p) {
        return new FeedSubscriptions(
                workItems.subscriptions(),
                handlers,
                options.getIfUnique(() -> p.getSubscriptions().options()));
    }

    /** Several observers, each told in order. */
    private record Observers(List<OperationObserver> all) implements OperationObserver {
        @Override
        public java.util.function.Consumer<Throwable> start(String operation) {
            List<java.util.function.Consumer<Throwable>> ends = new ArrayList<>(all.size());
            for (OperationObserver o : all) {
                ends.add(o.start(operation));
            }
            return failure -> {
                for (int i = ends.size() - 1; i >= 0; i--) {
                    ends.get(i).accept(failure); // the last started ends first, as nested scopes do
                }
            };
        }

        @Override
        public void retried(String operation) {
            all.forEach(o -> o.retried(operation));
        }

        @Override
        public void cacheLookup(boolean hit) {
            all.forEach(o -> o.cacheLookup(hit));
        }
    }

    /**
     * Micrometer, when the application has a {@code MeterRegistry}: each operation an observation (a span with tracing,
     * a timer by operation and outcome) or, without an {@code ObservationRegistry}, a timer; retries, item-cache
     * lookups, subscription lag and the timers' due backlog.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    static class Metrics {
        /** The operation observer: Micrometer's when the application has a registry (else it observes nothing). */
        @Bean
        @ConditionalOnMissingBean(WorkItemsMetrics.class)
        OperationObserver workItemsMetrics(
                ObjectProvider<io.micrometer.core.instrument.MeterRegistry> registries,
                ObjectProvider<io.micrometer.observation.ObservationRegistry> observations) {
            io.micrometer.core.instrument.MeterRegistry registry = registries.getIfUnique();
            if (registry == null) {
                return OperationObserver.NONE;
            }
            io.micrometer.observation.ObservationRegistry o = observations.getIfUnique();
            return o == null || o.isNoop() ? WorkItemsMetrics.of(registry) : WorkItemsMetrics.of(registry, o);
        }

        /** The gauges: lag of each subscription the starter opened, and the timers' due backlog. */
        @Bean
        io.micrometer.core.instrument.binder.MeterBinder workItemsGauges(
                WorkItems workItems,
                WorkItemRepository storage,
                Map<String, FeedHandler> handlers,
                ObjectProvider<Clock> clock) {
            Clock c = clock.getIfUnique(Clock::systemUTC);
            return registry -> {
                WorkItemsMetrics m = WorkItemsMetrics.of(registry);
                handlers.keySet().forEach(name -> m.bindSubscriptionLag(workItems, name, c));
                m.bindDueBacklog(storage, c);
            };
        }
    }

    /** The actuator health indicator {@code workitems}, when Spring Boot's health support is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.AbstractHealthIndicator")
    static class Health {
        @Bean
        @ConditionalOnMissingBean(name = "workItemsHealthIndicator")
        WorkItemsHealthIndicator workItemsHealthIndicator(
                WorkItems workItems, WorkItemRepository storage, ObjectProvider<Clock> clock, WorkItemsProperties p) {
            return new WorkItemsHealthIndicator(
                    workItems,
                    storage,
                    p.getSchemaMode(),
                    clock.getIfUnique(Clock::systemUTC),
                    p.getSubscriptions().getStuckAfter());
        }
    }

    /** The subscriptions the starter opened, closed on shutdown. */
    static final class FeedSubscriptions implements AutoCloseable {
        private final List<Subscriptions.Subscription> open = new ArrayList<>();

        FeedSubscriptions(Subscriptions subscriptions, Map<String, FeedHandler> handlers, SubscriptionOptions o) {
            handlers.forEach((name, handler) -> {
                Subscriptions.Subscription s = subscriptions.subscribe(name, handler, o);
                open.add(s);
                s.start();
            });
        }

        List<Subscriptions.Subscription> open() {
            return List.copyOf(open);
        }

        @Override
        public void close() {
            for (Subscriptions.Subscription s : open) {
                s.close();
            }
        }
    }

    /** The V2024 API and the My Tasks page on the application's own Spring MVC server. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(RouterFunction.class)
    @ConditionalOnProperty(name = "workitems.http.enabled", matchIfMissing = true)
    static class Web {

        /**
         * Who the caller is, when the application defines no {@link Authenticator}: with Spring Security on the class
         * path, the principal it authenticated (else the library's JWT check, when configured); without it, the
         * library's JWT check with {@code workitems.http.jwt.*}.
         */
        @Bean
        @ConditionalOnMissingBean(Authenticator.class)
        Authenticator workItemsAuthenticator(
                WorkItemsProperties p, org.springframework.context.ApplicationContext ctx) {
            WorkItemsProperties.Jwt jwt = p.getHttp().getJwt();
            Authenticator own = null;
            if (jwt.getHmacSecret() != null && !jwt.getHmacSecret().isBlank()) {
                own = ownJwt(jwt).hmacSecret(jwt.getHmacSecret()).build();
            } else if (jwt.getJwks() != null) {
                own = ownJwt(jwt).jwks(jwt.getJwks()).build();
            }
            if (org.springframework.util.ClassUtils.isPresent(
                    "org.springframework.security.core.context.SecurityContextHolder", ctx.getClassLoader())) {
                return new SpringSecurityAuthenticator(own, jwt.getIdentityClaim(), jwt.getRolesClaim());
            }
            if (own == null) {
                throw new MissingBeanException(
                        Authenticator.class,
                        "set workitems.http.jwt.hmac-secret or workitems.http.jwt.jwks, use Spring Security, or define "
                                + "a bean of type " + Authenticator.class.getName()
                                + " (or set workitems.http.enabled=false): the V2024 API must know who calls");
            }
            return own;
        }

        private static JwtAuthenticator.Builder ownJwt(WorkItemsProperties.Jwt jwt) {
            return JwtAuthenticator.builder()
                    .identityClaim(jwt.getIdentityClaim())
                    .rolesClaim(jwt.getRolesClaim());
        }

        @Bean
        @ConditionalOnMissingBean(WorkItemsApi.class)
        WorkItemsApi workItemsApi(
                WorkItems workItems,
                IdentityDirectory identities,
                Authenticator authenticator,
                ObjectProvider<Clock> clock,
                WorkItemsProperties p) {
            WorkItemsProperties.Http h = p.getHttp();
            WorkItemsApi.Builder b = WorkItemsApi.builder()
                    .workItems(workItems)
                    .authenticator(authenticator)
                    .identities(identities)
                    .basePath(h.getBasePath())
                    .v1Path(blankToNull(h.getV1Path()))
                    .extensionsPath(blankToNull(h.getExtensionsPath()))
                    .rateLimit(
                            h.getRateLimitRequests() <= 0
                                    ? RateLimit.off()
                                    : new RateLimit(h.getRateLimitRequests(), h.getRateLimitWindow()))
                    .itemJsonCache(h.getItemJsonCache().toBytes());
            clock.ifUnique(b::clock);
            return b.build();
        }

        @Bean
        RouterFunction<ServerResponse> workItemsRoutes(WorkItemsApi api) {
            return SpringMvcCarrier.routes(api);
        }

        /** The My Tasks page at {@code workitems.http.page-path} over this API (an empty path: no page). */
        @Bean
        RouterFunction<ServerResponse> workItemsPage(WorkItemsApi api, WorkItemsProperties p) {
            String path = p.getHttp().getPagePath();
            if (path == null || path.isBlank()) {
                return request -> java.util.Optional.empty();
            }
            return SpringMvcCarrier.page(new MyTasksPage(path, api.basePath()));
        }

        /**
         * On Tomcat (Boot's default server): encoded slashes reach the API's routes (ids are opaque, D13), and Tomcat's
         * own refusals under the API's paths get the contract's body. Off with
         * {@code workitems.http.tomcat-support=false}.
         */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(name = "org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory")
        @ConditionalOnProperty(name = "workitems.http.tomcat-support", matchIfMissing = true)
        static class Tomcat {
            @Bean
            org.springframework.boot.web.server.WebServerFactoryCustomizer<
                            org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory>
                    workItemsTomcatEncodedSlashes() {
                return factory -> factory.addConnectorCustomizers(TomcatSupport::passEncodedSlashes);
            }

            @Bean
            org.springframework.context.ApplicationListener<
                            org.springframework.boot.web.server.context.WebServerInitializedEvent>
                    workItemsTomcatErrorPages(WorkItemsApi api) {
                return event -> TomcatSupport.contractErrorPages(event, api);
            }
        }

        private static String blankToNull(String v) {
            return v == null || v.isBlank() ? null : v;
        }
    }
}
