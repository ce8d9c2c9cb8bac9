package dev.workitems.benchmarks.jmh;

import dev.workitems.http.JwtAuthenticator;
import io.javalin.Javalin;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The floor of HTTP on this machine: a bare Javalin (the same Jetty, the same settings as the standalone server) whose
 * routes verify the caller's JWT with the same authenticator and answer with bytes the real API gave for the same
 * request, captured once (the first call of each kind, in the warm-up): no library call, no JSON writing, no store.
 * Called by the same client as {@code workitems-sqlite-http}, so the difference between the two is what the library
 * adds over transport and JWT.
 */
final class HttpFloorSystem {
    private HttpFloorSystem() {}

    /**
     * @param inProcess the system whose data the real API serves
     * @param real the real API over it, to capture the bodies (on the first call of each kind, in the warm-up)
     * @return a system offering get, count, summary and page250 from the floor
     */
    static HttpSystem open(WorkItemsSystem inProcess, HttpSystem real) {
        Map<String, byte[]> captured = new ConcurrentHashMap<>();
        String owner = CompareMain.HEAVY;
        JwtAuthenticator auth = HttpSystem.authenticator();
        String json = "application/json;charset=UTF-8";
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/v2024/work-items", ctx -> {
                auth.authenticate(ctx.header("Authorization"));
                ctx.contentType(json)
                        .result(captured.computeIfAbsent(
                                "page", k -> real.call(owner, "GET", "?limit=250&offset=0", null)));
            });
            config.routes.get("/v2024/work-items/count", ctx -> {
                auth.authenticate(ctx.header("Authorization"));
                ctx.contentType(json)
                        .result(captured.computeIfAbsent("count", k -> real.call(owner, "GET", "/count", null)));
            });
            config.routes.get("/v2024/work-items/summary", ctx -> {
                auth.authenticate(ctx.header("Authorization"));
                ctx.contentType(json)
                        .result(captured.computeIfAbsent("summary", k -> real.call(owner, "GET", "/summary", null)));
            });
            config.routes.get("/v2024/work-items/{id}", ctx -> {
                auth.authenticate(ctx.header("Authorization"));
                String id = ctx.pathParam("id");
                ctx.contentType(json)
                        .result(captured.computeIfAbsent("get", k -> real.call("admin", "GET", "/" + id, null)));
            });
        });
        app.start("127.0.0.1", 0);
        return new HttpSystem(inProcess, app.port(), app::stop) {
            @Override
            public boolean supports(String operation) {
                return operation.equals("get")
                        || operation.equals("count")
                        || operation.equals("summary")
                        || operation.equals("page250");
            }
        };
    }
}
