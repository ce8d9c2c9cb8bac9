package dev.workitems.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workitems.Caller;
import dev.workitems.ForwardRequest;
import dev.workitems.InvalidRequestException;
import dev.workitems.ListQuery;
import dev.workitems.NotFoundException;
import dev.workitems.Page;
import dev.workitems.RateLimitedException;
import dev.workitems.WorkItem;
import dev.workitems.WorkItems;
import dev.workitems.WorkItemsException;
import dev.workitems.spi.IdGenerator;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The V2024 Work Items API over HTTP: the 13 operations under {@code /v2024}, with the contract's paths, status codes,
 * headers and JSON. A component: {@link #mount(JavalinConfig)} adds its routes to a host's own Javalin, and
 * {@link #start(String, int)} runs it alone. Thread-safe.
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
    public static final int MAX_BODY_BYTES = 1 << 20;

    private static final System.Logger LOG = System.getLogger(WorkItemsHttp.class.getName());
    private static final String JSON = "application/json;charset=UTF-8";
    private static final String TRACKING = "workitems.trackingId";
    private static final String CALLER = "workitems.caller";

    private final WorkItems workItems;
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final IdGenerator trackingIds;
    private final String basePath;
    private final String v1Path;
    private final String extensionsPath;
    private final dev.workitems.spi.IdentityDirectory identities;
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private WorkItemsHttp(Builder b) {
        this.workItems = b.workItems;
        this.authenticator = b.authenticator;
        this.rateLimiter = new RateLimiter(b.rateLimit, b.clock);
        this.trackingIds = b.trackingIds;
        this.basePath = b.basePath;
        this.v1Path = b.v1Path;
        this.extensionsPath = b.extensionsPath;
        this.identities = b.identities;
    }

    /** @return a builder; {@code workItems} and {@code authenticator} are required */
    public static Builder builder() {
        return new Builder();
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
        workItemRoutes(config, basePath + "/work-items");
        if (v1Path != null) {
            workItemRoutes(config, v1Path); // V1: the same 13 operations in upstream's per-API layout
        }
        mountReassignments(config);
        if (extensionsPath != null) {
            // Not part of any SailPoint API: the identity search the My Tasks page uses to pick people by name.
            get(config, extensionsPath + "/identities", this::searchIdentities);
            get(config, extensionsPath + "/me", this::me);
            get(config, extensionsPath + "/work-items/{id}/history", this::history);
        }
        Handler unknown = api(ctx -> {
            throw new NotFoundException("no such resource: " + ctx.method() + " " + ctx.path());
        });
        List<String> ours = new java.util.ArrayList<>(List.of(basePath, basePath + "/*"));
        if (v1Path != null) {
            ours.add(v1Path + "/*"); // v1Path itself is the list route
        }
        if (extensionsPath != null) {
            ours.add(extensionsPath + "/*");
        }
        for (String path : ours) {
            config.routes.get(path, unknown);
            config.routes.post(path, unknown);
            config.routes.put(path, unknown);
            config.routes.patch(path, unknown);
            config.routes.delete(path, unknown);
        }
    }

    /** The 13 work-item routes under one prefix. */
    private void workItemRoutes(JavalinConfig config, String b) {
        // D22: the fixed paths before the ones with {id}.
        get(config, b, ctx -> list(ctx, false));
        get(config, b + "/count", ctx -> json(ctx, WireJson.count(workItems.countPending(caller(ctx), ownerId(ctx)))));
        get(config, b + "/summary", ctx -> json(ctx, WireJson.summary(workItems.summary(caller(ctx), ownerId(ctx)))));
        get(config, b + "/completed", ctx -> list(ctx, true));
        get(
                config,
                b + "/completed/count",
                ctx -> json(ctx, WireJson.count(workItems.countCompleted(caller(ctx), ownerId(ctx)))));
        post(config, b + "/bulk-approve/{id}", ctx -> item(ctx, workItems.bulkApprove(caller(ctx), id(ctx))));
        post(config, b + "/bulk-reject/{id}", ctx -> item(ctx, workItems.bulkReject(caller(ctx), id(ctx))));
        get(config, b + "/{id}", ctx -> item(ctx, workItems.get(caller(ctx), id(ctx))));
        post(config, b + "/{id}", ctx -> item(ctx, workItems.complete(caller(ctx), id(ctx)))); // D9: body ignored
        post(
                config,
                b + "/{id}/approve/{approvalItemId}",
                ctx -> item(ctx, workItems.approve(caller(ctx), id(ctx), ctx.pathParam("approvalItemId"))));
        post(
                config,
                b + "/{id}/reject/{approvalItemId}",
                ctx -> item(ctx, workItems.reject(caller(ctx), id(ctx), ctx.pathParam("approvalItemId"))));
        post(config, b + "/{id}/forward", this::forward);
        post(
                config,
                b + "/{id}/submit-account-selection",
                ctx -> item(ctx, workItems.submitAccountSelection(caller(ctx), id(ctx), selection(ctx))));
    }

    /** The 9 Work Reassignment routes (Part C), when the store keeps rules. */
    private void mountReassignments(JavalinConfig config) {
        dev.workitems.Reassignments rules;
        try {
            rules = workItems.reassignments();
        } catch (IllegalStateException noRules) {
            return; // the store keeps no rules: the paths answer the API's 404
        }
        ReassignmentRoutes r = new ReassignmentRoutes(rules, identities, mapper);
        String b = basePath + "/reassignment-configurations";
        get(config, b + "/types", ctx -> r.types(ctx, caller(ctx)));
        get(config, b + "/tenant-config", ctx -> r.tenant(ctx, caller(ctx)));
        config.routes.put(b + "/tenant-config", api(ctx -> r.setTenant(ctx, caller(ctx), jsonBody(ctx))));
        get(config, b, ctx -> r.list(ctx, caller(ctx)));
        post(config, b, ctx -> r.create(ctx, caller(ctx), jsonBody(ctx)));
        get(config, b + "/{identityId}", ctx -> r.get(ctx, caller(ctx), ctx.pathParam("identityId")));
        config.routes.put(
                b + "/{identityId}", api(ctx -> r.put(ctx, caller(ctx), ctx.pathParam("identityId"), jsonBody(ctx))));
        config.routes.delete(
                b + "/{identityId}/{configType}",
                api(ctx -> r.delete(ctx, caller(ctx), ctx.pathParam("identityId"), ctx.pathParam("configType"))));
        get(
                config,
                b + "/{identityId}/evaluate/{configType}",
                ctx -> r.evaluate(ctx, caller(ctx), ctx.pathParam("identityId"), ctx.pathParam("configType")));
    }

    /**
     * {@code GET <extensionsPath>/work-items/{id}/history}: the item's history, oldest first, for whoever may read the
     * item, as {@code [{"at", "actorId", "action", "comment", "data"}]} (times as the wire writes them).
     */
    private void history(Context ctx) {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (dev.workitems.HistoryEvent e : workItems.history(caller(ctx), id(ctx))) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("at", WireJson.TIME.format(e.at()));
            m.put("actorId", e.actorId());
            m.put("action", e.action().name());
            m.put("comment", e.comment());
            m.put("data", e.data());
            out.add(m);
        }
        json(ctx, out);
    }

    /**
     * {@code GET <extensionsPath>/me}: who the token says the caller is, as {@code {"id", "name"}} (the name from the
     * identity directory, the id again when it has none), so a page need not know which claim holds the identity.
     */
    private void me(Context ctx) {
        String id = caller(ctx).identityId();
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("id", id);
        m.put(
                "name",
                identities.find(id).map(dev.workitems.spi.Identity::displayName).orElse(id));
        json(ctx, m);
    }

    /** {@code GET <extensionsPath>/identities?q=&limit=}: identities by name, as {@code [{"id", "name"}]}. */
    private void searchIdentities(Context ctx) {
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank() || q.length() > 100) {
            throw bad("q", "q is required: 1 to 100 characters of a name or the start of an id");
        }
        String limitText = ctx.queryParam("limit");
        int limit;
        try {
            limit = limitText == null ? 20 : Integer.parseInt(limitText);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > 50) {
            throw bad("limit", "limit must be an integer from 1 to 50, not " + limitText);
        }
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (dev.workitems.spi.Identity i : identities.search(q, limit)) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("id", i.id());
            m.put("name", i.displayName());
            out.add(m);
        }
        json(ctx, out);
    }

    private void get(JavalinConfig config, String path, Handler handler) {
        config.routes.get(path, api(handler));
    }

    private void post(JavalinConfig config, String path, Handler handler) {
        config.routes.post(path, api(handler));
    }

    /**
     * One API route: tracking id, authentication (D17: 401 before anything else) and rate limit (D18), then the
     * operation; whatever it throws is answered here with the contract's body, so that no exception handler is
     * registered on the host's application.
     */
    private Handler api(Handler operation) {
        return ctx -> {
            try {
                authenticate(ctx);
                operation.handle(ctx);
            } catch (Exception e) {
                error(e, ctx);
            }
        };
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
                server.setErrorHandler(new JsonErrorHandler(trackingIds));
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
                if (ctx.attribute(TRACKING) == null) {
                    error(new NotFoundException("no such resource: " + ctx.method() + " " + ctx.path()), ctx);
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

    // ---- the pipeline ----------------------------------------------------------------------------------------

    private void authenticate(Context ctx) {
        String trackingId = trackingIds.newId();
        ctx.attribute(TRACKING, trackingId);
        ctx.header("SLPT-Request-ID", trackingId);
        ctx.header("Access-Control-Expose-Headers", "SLPT-Request-ID");
        Caller caller = authenticator.authenticate(ctx.header("Authorization")); // D17: 401 before anything else
        rateLimiter.acquire(caller.identityId()); // D18
        ctx.attribute(CALLER, caller);
    }

    private static Caller caller(Context ctx) {
        return Objects.requireNonNull(ctx.attribute(CALLER), "caller");
    }

    private static String id(Context ctx) {
        return ctx.pathParam("id");
    }

    private static String ownerId(Context ctx) {
        return ctx.queryParam("ownerId");
    }

    private void list(Context ctx, boolean completed) {
        ListQuery q = ListQuery.parse(
                ownerId(ctx), ctx.queryParam("limit"), ctx.queryParam("offset"), ctx.queryParam("count"));
        Page<WorkItem> page =
                completed ? workItems.listCompleted(caller(ctx), q) : workItems.listPending(caller(ctx), q);
        if (page.total() != null) {
            ctx.header("X-Total-Count", Long.toString(page.total()));
        }
        // The page is read: only the network can fail from here, so the body goes straight into the response.
        ctx.status(200).contentType(JSON);
        try {
            WireJson.items(page.items(), ctx.outputStream());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void forward(Context ctx) {
        JsonNode body = jsonBody(ctx);
        if (!body.isObject()) {
            throw bad("body", "the body must be a WorkItemForward JSON object");
        }
        String target = text(body, "targetOwnerId");
        String comment = text(body, "comment");
        JsonNode notify = body.get("sendNotifications");
        if (notify != null && !notify.isNull() && !notify.isBoolean()) {
            throw bad("sendNotifications", "sendNotifications must be a boolean");
        }
        boolean send = notify == null || notify.isNull() || notify.booleanValue();
        workItems.forward(caller(ctx), id(ctx), new ForwardRequest(target, comment, send));
        ctx.status(200).result(new byte[0]); // D11: 200 with an empty body
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw bad(field, field + " must be a string");
        }
        return v.textValue();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> selection(Context ctx) {
        JsonNode body = jsonBody(ctx);
        if (!body.isObject()) {
            throw bad("body", "the account selection must be a JSON object keyed on field name");
        }
        return mapper.convertValue(body, Map.class);
    }

    private JsonNode jsonBody(Context ctx) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > MAX_BODY_BYTES) {
            throw bad("body", "the body is larger than 1 MiB");
        }
        if (bytes.length == 0) {
            throw bad("body", "a JSON body is required");
        }
        try {
            return mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw bad("body", "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw bad("body", "the body could not be read");
        }
    }

    private static InvalidRequestException bad(String parameter, String cause) {
        return new InvalidRequestException(cause, parameter);
    }

    private static void item(Context ctx, WorkItem w) {
        json(ctx, WireJson.item(w));
    }

    private static void json(Context ctx, byte[] body) {
        ctx.status(200).contentType(JSON).result(body);
    }

    /** Answers 200 with a value Jackson writes (lists and maps of the library's own routes). */
    private void json(Context ctx, Object value) {
        try {
            json(ctx, mapper.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a response", e);
        }
    }

    // ---- errors: one table ------------------------------------------------------------------------------------

    private void error(Exception e, Context ctx) {
        String trackingId = ctx.attribute(TRACKING);
        if (trackingId == null) {
            trackingId = trackingIds.newId();
        }
        ctx.header("SLPT-Request-ID", trackingId);
        if (e instanceof AuthenticationException a) {
            ctx.status(401)
                    .contentType(JSON)
                    .result(WireJson.single("error", "JWT validation failed: " + a.getMessage()));
            return;
        }
        if (e instanceof RateLimitedException r) {
            ctx.header("Retry-After", Long.toString(r.retryAfterSeconds()));
            ctx.status(429).contentType(JSON).result(WireJson.single("message", " Rate Limit Exceeded "));
            return;
        }
        WorkItemsException w;
        if (e instanceof WorkItemsException known) {
            w = known;
        } else if (e instanceof HttpResponseException h && h.getStatus() == 413) {
            w = bad("body", "the body is larger than 1 MiB");
        } else if (e instanceof HttpResponseException h && h.getStatus() < 500) {
            w = bad("request", h.getMessage());
        } else {
            w = null;
        }
        if (w == null || w.status() >= 500) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "request " + trackingId + " " + ctx.method() + " " + ctx.path() + " failed",
                    e);
            ctx.status(500)
                    .contentType(JSON)
                    .result(WireJson.error(
                            "500.0 Internal Fault", trackingId, "An internal fault occurred.", List.of()));
            return;
        }
        ctx.status(w.status())
                .contentType(JSON)
                .result(WireJson.error(w.detailCode(), trackingId, message(w.status()), w.causes()));
    }

    private static String message(int status) {
        return switch (status) {
            case 403 -> "The server understood the request but refuses to authorize it.";
            case 404 -> "The server did not find a current representation for the target resource.";
            default -> "The request was syntactically correct but its content is semantically invalid.";
        };
    }

    /** Configures a {@link WorkItemsHttp}. Not thread-safe. */
    public static final class Builder {
        private WorkItems workItems;
        private Authenticator authenticator;
        private RateLimit rateLimit = RateLimit.DEFAULT;
        private Clock clock = Clock.systemUTC();
        private IdGenerator trackingIds = IdGenerator.randomUuid();
        private String basePath = "/v2024";
        private String v1Path = "/work-items/v1";
        private String extensionsPath = "/workitems";
        private dev.workitems.spi.IdentityDirectory identities = id -> java.util.Optional.empty();

        private Builder() {}

        /**
         * @param v where the Work Reassignment routes find identities' display names (D16); without it, an identity
         *     object's name is its id
         * @return this
         */
        public Builder identities(dev.workitems.spi.IdentityDirectory v) {
            identities = Objects.requireNonNull(v, "identities");
            return this;
        }

        /**
         * @param v where the same 13 work-item operations are also served in upstream's per-API layout (V1), default
         *     {@code /work-items/v1} beside {@code /v2024/work-items}; null for none
         * @return this
         */
        public Builder v1Path(String v) {
            v1Path = v == null ? null : path(v, "v1Path");
            return this;
        }

        /**
         * @param v where the library's own routes live, those of no SailPoint API, authenticated like the API and used
         *     by the My Tasks page: {@code GET <v>/identities?q=} (search by name), {@code GET <v>/me} (the caller's id
         *     and name), {@code GET <v>/work-items/{id}/history}; default {@code /workitems}; null for none
         * @return this
         */
        public Builder extensionsPath(String v) {
            extensionsPath = v == null ? null : path(v, "extensionsPath");
            return this;
        }

        /** @return the path, if it starts with / and does not end with one */
        private static String path(String v, String what) {
            if (!v.startsWith("/") || v.endsWith("/")) {
                throw new IllegalArgumentException(what + " must start with / and not end with one: " + v);
            }
            return v;
        }

        /** @param v the service to serve @return this */
        public Builder workItems(WorkItems v) {
            workItems = Objects.requireNonNull(v);
            return this;
        }
        /** @param v who the callers are (D17) @return this */
        public Builder authenticator(Authenticator v) {
            authenticator = Objects.requireNonNull(v);
            return this;
        }
        /**
         * @param v the per-caller limit (default 100 per 10 s; {@link RateLimit#off()} to switch it off) @return this
         */
        public Builder rateLimit(RateLimit v) {
            rateLimit = Objects.requireNonNull(v);
            return this;
        }
        /** @param v the time source of the rate limit (default: the UTC system clock) @return this */
        public Builder clock(Clock v) {
            clock = Objects.requireNonNull(v);
            return this;
        }
        /** @param v makes tracking ids (default: 32 hex characters) @return this */
        public Builder trackingIds(IdGenerator v) {
            trackingIds = Objects.requireNonNull(v);
            return this;
        }

        /** @param v the base path (default {@code /v2024}) @return this */
        public Builder basePath(String v) {
            basePath = path(v, "basePath");
            return this;
        }

        /**
         * @return the component
         * @throws IllegalStateException if workItems or authenticator is missing
         */
        public WorkItemsHttp build() {
            if (workItems == null || authenticator == null) {
                throw new IllegalStateException("workItems and authenticator are required");
            }
            return new WorkItemsHttp(this);
        }
    }
}
