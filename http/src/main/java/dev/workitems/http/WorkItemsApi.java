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
import dev.workitems.WorkItem;
import dev.workitems.WorkItems;
import dev.workitems.WorkItemsException;
import dev.workitems.spi.IdGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the V2024 Work Items API decides over HTTP, whatever web framework carries it: the routes (the 13 work-item
 * operations under {@code /v2024/work-items} and, in upstream's per-API layout, under {@code /work-items/v1}; the 9
 * Work Reassignment operations; the library's own routes), and for each request the tracking id, authentication (D17),
 * rate limit (D18), parameters, JSON and the contract's error bodies. A carrier registers {@link #routes()} with its
 * framework and answers each matching request with {@link #handle(Route, Exchange)} over its own {@link Exchange}.
 * {@link WorkItemsHttp} is the Javalin carrier (and the standalone server); the Spring Boot starter carries the same
 * routes on Spring MVC. Thread-safe.
 *
 * <pre>{@code
 * WorkItemsApi api = WorkItemsApi.builder()
 *         .workItems(workItems)
 *         .authenticator(JwtAuthenticator.builder().hmacSecret(secret).build())
 *         .build();
 * for (WorkItemsApi.Route r : api.routes()) {
 *     myFramework.add(r.method(), r.path(), request -> api.handle(r, new MyExchange(request)));
 * }
 * }</pre>
 */
public final class WorkItemsApi {
    /** The largest request body read (D23). */
    public static final int MAX_BODY_BYTES = 1 << 20;

    private static final System.Logger LOG = System.getLogger(WorkItemsApi.class.getName());
    private static final String JSON = "application/json;charset=UTF-8";

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
    private final List<Route> routes;
    private final ItemJsonCache itemJson;

    private WorkItemsApi(Builder b) {
        this.itemJson = new ItemJsonCache(b.itemJsonBytes);
        this.workItems = b.workItems;
        this.authenticator = b.authenticator;
        this.rateLimiter = new RateLimiter(b.rateLimit, b.clock);
        this.trackingIds = b.trackingIds;
        this.basePath = b.basePath;
        this.v1Path = b.v1Path;
        this.extensionsPath = b.extensionsPath;
        this.identities = b.identities;
        this.routes = Collections.unmodifiableList(table());
    }

    /** @return a builder; {@code workItems} and {@code authenticator} are required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The routes, in the order a carrier must try them (D22: fixed paths before those with a parameter), ending with
     * the catch-alls that answer the API's 404 for unknown paths under the API's own prefixes. Paths are patterns with
     * {@code {name}} for one path segment and a final {@code *} for any rest.
     *
     * @return the routes
     */
    public List<Route> routes() {
        return routes;
    }

    /** @return the base path of the V2024 routes, e.g. {@code /v2024} */
    public String basePath() {
        return basePath;
    }

    /**
     * Answers one request of a route: tracking id ({@code SLPT-Request-ID}), authentication (D17: 401 before anything
     * else), rate limit (D18), then the operation. Never throws: whatever goes wrong is answered with the contract's
     * status and body, so a carrier needs no exception handler of its own for these routes.
     *
     * @param route one of {@link #routes()}
     * @param ex the request and its response
     */
    public void handle(Route route, Exchange ex) {
        String trackingId = trackingIds.newId();
        try {
            ex.header("SLPT-Request-ID", trackingId);
            ex.header("Access-Control-Expose-Headers", "SLPT-Request-ID");
            Caller caller = authenticator.authenticate(ex.header("Authorization")); // D17: 401 before anything else
            rateLimiter.acquire(caller.identityId()); // D18
            route.operation.run(new Call(ex, caller));
        } catch (Exception e) {
            fail(ex, trackingId, e);
        }
    }

    /**
     * Answers a request outside the API's routes with the API's own 404 body, for a standalone server that is the API's
     * alone.
     *
     * @param ex the request and its response
     */
    public void notFound(Exchange ex) {
        fail(ex, null, new NotFoundException("no such resource: " + ex.method() + " " + ex.path()));
    }

    /** @return what makes tracking ids, for a carrier's own error pages */
    IdGenerator trackingIds() {
        return trackingIds;
    }

    /**
     * @param rawPath a request's path as it arrived (not decoded)
     * @return true if it lies under one of the API's own prefixes (the base path, the v1 layout, the library's own
     *     routes), where the API answers every request, unknown paths included
     */
    public boolean owns(String rawPath) {
        if (rawPath == null) {
            return false;
        }
        for (Route r : routes) {
            if (r.path().endsWith("/*")) {
                String prefix = r.path().substring(0, r.path().length() - 2);
                if (rawPath.equals(prefix) || rawPath.startsWith(prefix + "/")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Answers, with the contract's body instead of the server's own page, a request under the API's paths that the
     * carrier's server refused before any route could run (a NUL or an undecodable escape in the path, a malformed
     * request line): 404 stays 404, another client error is 400 {@code 400.1 Bad Request Content}, the rest 500.
     *
     * @param ex the refused request's response
     * @param status the status the server chose
     * @param reason the server's reason, or null
     */
    public void refused(Exchange ex, int status, String reason) {
        Exception e;
        if (status == 404) {
            e = new NotFoundException("no such resource");
        } else if (status >= 400 && status < 500) {
            e = new InvalidRequestException(
                    "the request is malformed: " + (reason == null || reason.isBlank() ? "HTTP " + status : reason),
                    "request");
        } else {
            e = new IllegalStateException("the server failed with " + status + ": " + reason);
        }
        fail(ex, null, e);
    }

    // ---- the route table ---------------------------------------------------------------------------------------

    private List<Route> table() {
        List<Route> t = new ArrayList<>();
        workItemRoutes(t, basePath + "/work-items");
        if (v1Path != null) {
            workItemRoutes(t, v1Path); // V1: the same 13 operations in upstream's per-API layout
        }
        reassignmentRoutes(t);
        if (extensionsPath != null) {
            // Not part of any SailPoint API: for pages such as My Tasks.
            t.add(new Route("GET", extensionsPath + "/identities", this::searchIdentities));
            t.add(new Route("GET", extensionsPath + "/me", this::me));
            t.add(new Route("GET", extensionsPath + "/work-items/{id}/history", this::history));
        }
        Op unknown = c -> {
            throw new NotFoundException("no such resource: " + c.ex.method() + " " + c.ex.path());
        };
        List<String> ours = new ArrayList<>(List.of(basePath, basePath + "/*"));
        if (v1Path != null) {
            ours.add(v1Path + "/*"); // v1Path itself is the list route
        }
        if (extensionsPath != null) {
            ours.add(extensionsPath + "/*");
        }
        for (String path : ours) {
            for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
                t.add(new Route(method, path, unknown));
            }
        }
        return t;
    }

    /** The 13 work-item routes under one prefix. */
    private void workItemRoutes(List<Route> t, String b) {
        // D22: the fixed paths before the ones with {id}.
        get(t, b, c -> list(c, false));
        get(t, b + "/count", c -> json(c, WireJson.count(workItems.countPending(c.caller, ownerId(c)))));
        get(t, b + "/summary", c -> json(c, WireJson.summary(workItems.summary(c.caller, ownerId(c)))));
        get(t, b + "/completed", c -> list(c, true));
        get(t, b + "/completed/count", c -> json(c, WireJson.count(workItems.countCompleted(c.caller, ownerId(c)))));
        post(t, b + "/bulk-approve/{id}", c -> item(c, workItems.bulkApprove(c.caller, id(c))));
        post(t, b + "/bulk-reject/{id}", c -> item(c, workItems.bulkReject(c.caller, id(c))));
        get(t, b + "/{id}", c -> item(c, workItems.get(c.caller, id(c))));
        post(t, b + "/{id}", c -> item(c, workItems.complete(c.caller, id(c)))); // D9: body ignored
        post(
                t,
                b + "/{id}/approve/{approvalItemId}",
                c -> item(c, workItems.approve(c.caller, id(c), c.ex.pathParam("approvalItemId"))));
        post(
                t,
                b + "/{id}/reject/{approvalItemId}",
                c -> item(c, workItems.reject(c.caller, id(c), c.ex.pathParam("approvalItemId"))));
        post(t, b + "/{id}/forward", this::forward);
        post(
                t,
                b + "/{id}/submit-account-selection",
                c -> item(c, workItems.submitAccountSelection(c.caller, id(c), selection(c))));
    }

    /** The 9 Work Reassignment routes (Part C), when the store keeps rules. */
    private void reassignmentRoutes(List<Route> t) {
        dev.workitems.Reassignments rules;
        try {
            rules = workItems.reassignments();
        } catch (IllegalStateException noRules) {
            return; // the store keeps no rules: the paths answer the API's 404
        }
        ReassignmentRoutes r = new ReassignmentRoutes(rules, identities, mapper);
        String b = basePath + "/reassignment-configurations";
        get(t, b + "/types", c -> r.types(c.ex, c.caller));
        get(t, b + "/tenant-config", c -> r.tenant(c.ex, c.caller));
        t.add(new Route("PUT", b + "/tenant-config", c -> r.setTenant(c.ex, c.caller, jsonBody(c))));
        get(t, b, c -> r.list(c.ex, c.caller));
        post(t, b, c -> r.create(c.ex, c.caller, jsonBody(c)));
        get(t, b + "/{identityId}", c -> r.get(c.ex, c.caller, c.ex.pathParam("identityId")));
        t.add(new Route(
                "PUT", b + "/{identityId}", c -> r.put(c.ex, c.caller, c.ex.pathParam("identityId"), jsonBody(c))));
        t.add(new Route(
                "DELETE",
                b + "/{identityId}/{configType}",
                c -> r.delete(c.ex, c.caller, c.ex.pathParam("identityId"), c.ex.pathParam("configType"))));
        get(
                t,
                b + "/{identityId}/evaluate/{configType}",
                c -> r.evaluate(c.ex, c.caller, c.ex.pathParam("identityId"), c.ex.pathParam("configType")));
    }

    private static void get(List<Route> t, String path, Op op) {
        t.add(new Route("GET", path, op));
    }

    private static void post(List<Route> t, String path, Op op) {
        t.add(new Route("POST", path, op));
    }

    // ---- the operations --------------------------------------------------------------------------------------

    private static String id(Call ctx) {
        return ctx.ex.pathParam("id");
    }

    private static String ownerId(Call ctx) {
        return ctx.ex.queryParam("ownerId");
    }

    private void list(Call ctx, boolean completed) {
        ListQuery q = ListQuery.parse(
                ownerId(ctx), ctx.ex.queryParam("limit"), ctx.ex.queryParam("offset"), ctx.ex.queryParam("count"));
        Page<WorkItem> page = completed ? workItems.listCompleted(ctx.caller, q) : workItems.listPending(ctx.caller, q);
        if (page.total() != null) {
            ctx.ex.header("X-Total-Count", Long.toString(page.total()));
        }
        ctx.ex.status(200);
        // The items' JSON comes from the cache of written items as a whole body with its length (one write; streaming
        // the same bytes in 32 KB pieces took 450 us where this takes 50), or, with the cache off, is written straight
        // into the response: the page is read, so only the network can fail from here.
        byte[] whole = itemJson.page(page.items());
        if (whole != null) {
            ctx.ex.body(JSON, whole);
            return;
        }
        try {
            WireJson.items(page.items(), ctx.ex.stream(JSON));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void forward(Call ctx) {
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
        workItems.forward(ctx.caller, id(ctx), new ForwardRequest(target, comment, send));
        ctx.ex.status(200);
        ctx.ex.body(null, new byte[0]); // D11: 200 with an empty body
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
    private Map<String, Object> selection(Call ctx) {
        JsonNode body = jsonBody(ctx);
        if (!body.isObject()) {
            throw bad("body", "the account selection must be a JSON object keyed on field name");
        }
        return mapper.convertValue(body, Map.class);
    }

    private JsonNode jsonBody(Call ctx) {
        byte[] bytes;
        try {
            bytes = ctx.ex.body();
        } catch (IOException e) {
            throw bad("body", "the body could not be read");
        }
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

    private void item(Call ctx, WorkItem w) {
        json(ctx, itemJson.item(w));
    }

    private static void json(Call ctx, byte[] body) {
        ctx.ex.status(200);
        ctx.ex.body(JSON, body);
    }

    /** Answers 200 with a value Jackson writes (lists and maps of the library's own routes). */
    private void json(Call ctx, Object value) {
        try {
            json(ctx, mapper.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a response", e);
        }
    }

    /**
     * {@code GET <extensionsPath>/work-items/{id}/history}: the item's history, oldest first, for whoever may read the
     * item, as {@code [{"at", "actorId", "action", "comment", "data"}]} (times as the wire writes them).
     */
    private void history(Call ctx) {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (dev.workitems.HistoryEvent e : workItems.history(ctx.caller, id(ctx))) {
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
    private void me(Call ctx) {
        String id = ctx.caller.identityId();
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("id", id);
        m.put(
                "name",
                identities.find(id).map(dev.workitems.spi.Identity::displayName).orElse(id));
        json(ctx, m);
    }

    /** {@code GET <extensionsPath>/identities?q=&limit=}: identities by name, as {@code [{"id", "name"}]}. */
    private void searchIdentities(Call ctx) {
        String q = ctx.ex.queryParam("q");
        if (q == null || q.isBlank() || q.length() > 100) {
            throw bad("q", "q is required: 1 to 100 characters of a name or the start of an id");
        }
        String limitText = ctx.ex.queryParam("limit");
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

    // ---- errors: one table ------------------------------------------------------------------------------------

    /**
     * Answers a failure with the contract's status and body.
     *
     * @param ex the exchange
     * @param trackingId the request's tracking id, or null to make one
     * @param e what went wrong; a carrier translates its own framework's exceptions first
     */
    void fail(Exchange ex, String trackingId, Exception e) {
        if (trackingId == null) {
            trackingId = trackingIds.newId();
        }
        ex.header("SLPT-Request-ID", trackingId);
        if (e instanceof AuthenticationException a) {
            ex.status(401);
            ex.body(JSON, WireJson.single("error", "JWT validation failed: " + a.getMessage()));
            return;
        }
        if (e instanceof RateLimitedException r) {
            ex.header("Retry-After", Long.toString(r.retryAfterSeconds()));
            ex.status(429);
            ex.body(JSON, WireJson.single("message", " Rate Limit Exceeded "));
            return;
        }
        WorkItemsException w = e instanceof WorkItemsException known ? known : null;
        if (w == null || w.status() >= 500) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "request " + trackingId + " " + ex.method() + " " + ex.path() + " failed",
                    e);
            ex.status(500);
            ex.body(JSON, WireJson.error("500.0 Internal Fault", trackingId, "An internal fault occurred.", List.of()));
            return;
        }
        ex.status(w.status());
        ex.body(JSON, WireJson.error(w.detailCode(), trackingId, message(w.status()), w.causes()));
    }

    private static String message(int status) {
        return switch (status) {
            case 403 -> "The server understood the request but refuses to authorize it.";
            case 404 -> "The server did not find a current representation for the target resource.";
            default -> "The request was syntactically correct but its content is semantically invalid.";
        };
    }

    /** One request of one route, once authenticated: the exchange and the caller. */
    private record Call(Exchange ex, Caller caller) {}

    /** An operation behind a route. */
    @FunctionalInterface
    private interface Op {
        void run(Call call) throws Exception;
    }

    /** One route: an HTTP method and a path pattern. */
    public static final class Route {
        private final String method;
        private final String path;
        private final Op operation;

        private Route(String method, String path, Op operation) {
            this.method = method;
            this.path = path;
            this.operation = operation;
        }

        /** @return the HTTP method, upper case, e.g. {@code GET} */
        public String method() {
            return method;
        }

        /**
         * @return the path pattern, e.g. {@code /v2024/work-items/{id}/approve/{approvalItemId}}: {@code {name}} is one
         *     path segment (its decoded value is {@link Exchange#pathParam(String)}), a final {@code *} any rest
         */
        public String path() {
            return path;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /**
     * One HTTP request and its response, as a carrier's framework holds them. Called on the request's thread, once per
     * request; the API sets the status, then headers, then writes the body once.
     */
    public interface Exchange {
        /** @return the request's method, upper case */
        String method();

        /** @return the request's path, for messages */
        String path();

        /**
         * @param name a {@code {name}} of the route's pattern
         * @return its decoded value
         */
        String pathParam(String name);

        /**
         * @param name a query parameter
         * @return its first value, decoded, or null
         */
        String queryParam(String name);

        /**
         * @param name a query parameter
         * @return all its values, decoded, in order (empty if none)
         */
        List<String> queryParams(String name);

        /**
         * @param name a request header, case-insensitive
         * @return its value, or null
         */
        String header(String name);

        /**
         * @return the request body; a carrier that reads at most {@link #MAX_BODY_BYTES} + 1 bytes may stop there
         * @throws IOException if it cannot be read
         * @throws InvalidRequestException if the carrier refuses the body (for example, too large)
         */
        byte[] body() throws IOException;

        /** @param status the response status */
        void status(int status);

        /**
         * @param name a response header
         * @param value its value
         */
        void header(String name, String value);

        /**
         * Writes the whole response body.
         *
         * @param contentType its content type, or null for none (an empty body)
         * @param body the bytes
         */
        void body(String contentType, byte[] body);

        /**
         * @param contentType the body's content type
         * @return where to write the response body, instead of {@link #body(String, byte[])}
         * @throws IOException if the response cannot be written
         */
        OutputStream stream(String contentType) throws IOException;
    }

    /** Configures a {@link WorkItemsApi}. Not thread-safe. */
    public static final class Builder {
        private WorkItems workItems;
        private Authenticator authenticator;
        private RateLimit rateLimit = RateLimit.DEFAULT;
        private Clock clock = Clock.systemUTC();
        private IdGenerator trackingIds = IdGenerator.fastRandom();
        private String basePath = "/v2024";
        private String v1Path = "/work-items/v1";
        private String extensionsPath = "/workitems";
        private dev.workitems.spi.IdentityDirectory identities = id -> java.util.Optional.empty();
        private long itemJsonBytes = 16L << 20;

        private Builder() {}

        /**
         * @param maxBytes how much of the items' wire JSON to keep for answering unchanged items again (default 16 MiB,
         *     about 20,000 items; the items it was written from are kept too); 0 to write every item afresh
         * @return this
         */
        public Builder itemJsonCache(long maxBytes) {
            if (maxBytes < 0) {
                throw new IllegalArgumentException("itemJsonCache must not be negative: " + maxBytes);
            }
            itemJsonBytes = maxBytes;
            return this;
        }

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
        static String path(String v, String what) {
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
        /** @param v makes tracking ids (default: {@link IdGenerator#fastRandom()}, 32 hex characters) @return this */
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
        public WorkItemsApi build() {
            if (workItems == null || authenticator == null) {
                throw new IllegalStateException("workItems and authenticator are required");
            }
            return new WorkItemsApi(this);
        }
    }
}
