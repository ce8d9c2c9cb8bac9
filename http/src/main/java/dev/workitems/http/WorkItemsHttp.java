package dev.workitems.http;

import dev.workitems.InvalidRequestException;
import dev.workitems.WorkItems;
import dev.workitems.spi.IdGenerator;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The V2024 Work Items API over HTTP on Javalin (Jetty 12): the 13 operations under {@code /v2024}, with the contract's
 * paths, status codes, headers and JSON, as {@link WorkItemsApi} decides them; this class only carries them. A
 * component: {@link #mount(JavalinConfig)} adds its routes to a host's own Javalin, and {@link #start(String, int)}
 * runs it alone. Thread-safe.
 *
 * <pre>{@code
 * WorkItemsHttp api = WorkItemsHttp.builder()
 *         .workItems(workItems)
 *         .authenticator(JwtAuthenticator.builder().hmacSecret(secret).build())
 *         .build();
 * WorkItemsHttp.Server server = api.start("127.0.0.1", 8080);
 * }</pre>
 */
public final class WorkItemsHttp {
    /** The largest request body read (D23). */
    public static final int MAX_BODY_BYTES = WorkItemsApi.MAX_BODY_BYTES;

    private static final String HANDLED = "workitems.handled";

    private final WorkItemsApi api;

    private WorkItemsHttp(WorkItemsApi api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** @return a builder; {@code workItems} and {@code authenticator} are required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param api the API's behaviour, as built for another carrier too
     * @return the Javalin carrier of it
     */
    public static WorkItemsHttp of(WorkItemsApi api) {
        return new WorkItemsHttp(api);
    }

    /** @return the behaviour this carries */
    public WorkItemsApi api() {
        return api;
    }

    /**
     * Adds the API's routes to a Javalin configuration: the 13 routes and a 404 for unknown paths under the base path,
     * each answering with the contract's status and body. Everything the API does (tracking id, authentication, rate
     * limit, the error mapping) is scoped to its own routes: the host's routes, its exception handlers and its 404 page
     * are left exactly as the host configured them. (Javalin runs an {@code error(status, ...)} handler for every
     * response of that status, the API's own included: a host that registers one should register it for its content
     * type, e.g. {@code error(404, "html", ...)}, or leave paths under the base path alone.)
     *
     * @param config the host's Javalin configuration
     */
    public void mount(JavalinConfig config) {
        for (WorkItemsApi.Route route : api.routes()) {
            Handler h = ctx -> {
                ctx.attribute(HANDLED, Boolean.TRUE);
                api.handle(route, new JavalinExchange(ctx));
            };
            switch (route.method()) {
                case "GET" -> config.routes.get(route.path(), h);
                case "POST" -> config.routes.post(route.path(), h);
                case "PUT" -> config.routes.put(route.path(), h);
                case "PATCH" -> config.routes.patch(route.path(), h);
                case "DELETE" -> config.routes.delete(route.path(), h);
                default -> throw new IllegalStateException("no such method: " + route);
            }
        }
    }

    /**
     * Starts a standalone server.
     *
     * @param host the interface, e.g. {@code 127.0.0.1}
     * @param port the port, 0 for any free one
     * @return the running server
     */
    public Server start(String host, int port) {
        return start(host, port, config -> {});
    }

    /**
     * Starts a standalone server with more handlers, for example a {@link MyTasksPage}.
     *
     * @param host the interface, e.g. {@code 127.0.0.1}
     * @param port the port, 0 for any free one
     * @param more adds the host's own routes to the configuration
     * @return the running server
     */
    public Server start(String host, int port, java.util.function.Consumer<JavalinConfig> more) {
        Javalin app = Javalin.create(config -> {
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.jetty.modifyServer(server -> {
                server.setStopTimeout(30_000);
                server.setErrorHandler(new JsonErrorHandler(api.trackingIds()));
            });
            // Ids are opaque (D13): let encoded slashes and dots reach the routes, which answer 404, instead of
            // Jetty's own HTML 400 for "ambiguous" URIs.
            config.jetty.modifyHttpConfiguration(
                    hc -> hc.setUriCompliance(org.eclipse.jetty.http.UriCompliance.LEGACY));
            config.startup.showJavalinBanner = false;
            mount(config);
            more.accept(config);
            // The standalone server is the API's own: outside the base path too, an error or a 404 is the contract's
            // body.
            config.routes.exception(Exception.class, this::error);
            config.routes.exception(HttpResponseException.class, this::error);
            config.routes.error(404, ctx -> {
                if (ctx.attribute(HANDLED) == null) {
                    api.notFound(new JavalinExchange(ctx));
                }
            });
        });
        app.start(host, port);
        return new Server(app);
    }

    /** A running standalone server. */
    public static final class Server implements AutoCloseable {
        private final Javalin app;

        private Server(Javalin app) {
            this.app = app;
        }

        /** @return the port it listens on */
        public int port() {
            return app.port();
        }

        /** Stops accepting requests, lets requests in flight finish (up to 30 s), then stops. */
        @Override
        public void close() {
            app.stop();
        }
    }

    /** Answers an exception Javalin raised outside the API's routes (standalone server only). */
    private void error(Exception e, Context ctx) {
        api.fail(new JavalinExchange(ctx), null, translate(e));
    }

    /** Javalin's own refusals (a body over the size limit, for one) as the contract's 400. */
    private static Exception translate(Exception e) {
        if (e instanceof HttpResponseException h && h.getStatus() == 413) {
            return new InvalidRequestException("the body is larger than 1 MiB", "body");
        }
        if (e instanceof HttpResponseException h && h.getStatus() < 500) {
            return new InvalidRequestException(h.getMessage(), "request");
        }
        return e;
    }

    /** A Javalin request and its response, as the API sees them. */
    private static final class JavalinExchange implements WorkItemsApi.Exchange {
        private final Context ctx;

        JavalinExchange(Context ctx) {
            this.ctx = ctx;
        }

        @Override
        public String method() {
            return ctx.method().name();
        }

        @Override
        public String path() {
            return ctx.path();
        }

        @Override
        public String pathParam(String name) {
            return ctx.pathParam(name);
        }

        @Override
        public String queryParam(String name) {
            return ctx.queryParam(name);
        }

        @Override
        public List<String> queryParams(String name) {
            return ctx.queryParams(name);
        }

        @Override
        public String header(String name) {
            return ctx.header(name);
        }

        @Override
        public byte[] body() {
            try {
                return ctx.bodyAsBytes();
            } catch (HttpResponseException e) {
                Exception t = translate(e);
                throw t instanceof InvalidRequestException i ? i : e;
            }
        }

        @Override
        public void status(int status) {
            ctx.status(status);
        }

        @Override
        public void header(String name, String value) {
            ctx.header(name, value);
        }

        @Override
        public void body(String contentType, byte[] body) {
            if (contentType != null) {
                ctx.contentType(contentType);
            }
            ctx.result(body);
        }

        @Override
        public OutputStream stream(String contentType) throws IOException {
            ctx.contentType(contentType);
            return ctx.outputStream();
        }
    }

    /**
     * Configures a {@link WorkItemsHttp}: the settings of {@link WorkItemsApi.Builder}, which it fills. Not
     * thread-safe.
     */
    public static final class Builder {
        private final WorkItemsApi.Builder api = WorkItemsApi.builder();

        private Builder() {}

        /** @param v see {@link WorkItemsApi.Builder#identities} @return this */
        public Builder identities(dev.workitems.spi.IdentityDirectory v) {
            api.identities(v);
            return this;
        }

        /** @param v see {@link WorkItemsApi.Builder#v1Path} @return this */
        public Builder v1Path(String v) {
            api.v1Path(v);
            return this;
        }

        /** @param v see {@link WorkItemsApi.Builder#extensionsPath} @return this */
        public Builder extensionsPath(String v) {
            api.extensionsPath(v);
            return this;
        }

        /** @param v the service to serve @return this */
        public Builder workItems(WorkItems v) {
            api.workItems(v);
            return this;
        }

        /** @param v who the callers are (D17) @return this */
        public Builder authenticator(Authenticator v) {
            api.authenticator(v);
            return this;
        }

        /** @param maxBytes see {@link WorkItemsApi.Builder#itemJsonCache} @return this */
        public Builder itemJsonCache(long maxBytes) {
            api.itemJsonCache(maxBytes);
            return this;
        }

        /** @param v see {@link WorkItemsApi.Builder#rateLimit} @return this */
        public Builder rateLimit(RateLimit v) {
            api.rateLimit(v);
            return this;
        }

        /** @param v the time source of the rate limit (default: the UTC system clock) @return this */
        public Builder clock(Clock v) {
            api.clock(v);
            return this;
        }

        /** @param v makes tracking ids (default: 32 hex characters) @return this */
        public Builder trackingIds(IdGenerator v) {
            api.trackingIds(v);
            return this;
        }

        /** @param v the base path (default {@code /v2024}) @return this */
        public Builder basePath(String v) {
            api.basePath(v);
            return this;
        }

        /**
         * @return the component
         * @throws IllegalStateException if workItems or authenticator is missing
         */
        public WorkItemsHttp build() {
            return new WorkItemsHttp(api.build());
        }
    }
}
