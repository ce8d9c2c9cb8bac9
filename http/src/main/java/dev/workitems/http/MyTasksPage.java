package dev.workitems.http;

import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The "My Tasks" page: plain HTML, CSS and JavaScript served from this jar (nothing from a CDN) that lets a person sign
 * in with a bearer token, see their pending and completed work items, and act on them through the V2024 API. Mount it
 * beside {@link WorkItemsHttp}; it needs no server-side state.
 */
public final class MyTasksPage {
    private static final String ROOT = "/dev/workitems/http/mytasks/";

    private final String path;
    private final String apiBase;
    private final byte[] html;
    private final byte[] css;
    private final byte[] js;

    /**
     * @param path where the page lives, ending in {@code /}, e.g. {@code /} or {@code /tasks/}
     * @param apiBase the API's base path, e.g. {@code /v2024}
     */
    public MyTasksPage(String path, String apiBase) {
        if (!path.startsWith("/") || !path.endsWith("/")) {
            throw new IllegalArgumentException("the page path starts and ends with /: " + path);
        }
        this.path = path;
        this.apiBase = Objects.requireNonNull(apiBase);
        this.html = read("index.html")
                .replace("data-api=\"/v2024\"", "data-api=\"" + apiBase + "\"")
                .getBytes(StandardCharsets.UTF_8);
        this.css = read("mytasks.css").getBytes(StandardCharsets.UTF_8);
        this.js = read("mytasks.js").getBytes(StandardCharsets.UTF_8);
    }

    /** @return the page at {@code /} over the API at {@code /v2024} */
    public static MyTasksPage atRoot() {
        return new MyTasksPage("/", "/v2024");
    }

    private static String read(String name) {
        try (InputStream in = MyTasksPage.class.getResourceAsStream(ROOT + name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param config the host's Javalin configuration, to serve the page and its two files from */
    public void mount(JavalinConfig config) {
        config.routes.get(
                path,
                ctx -> ctx.contentType("text/html;charset=UTF-8")
                        .header("Cache-Control", "no-cache")
                        .header("X-Content-Type-Options", "nosniff")
                        .result(html));
        config.routes.get(
                path + "mytasks/mytasks.css",
                ctx -> ctx.contentType("text/css;charset=UTF-8").result(css));
        config.routes.get(
                path + "mytasks/mytasks.js",
                ctx -> ctx.contentType("text/javascript;charset=UTF-8").result(js));
    }

    @Override
    public String toString() {
        return "MyTasksPage[" + path + " over " + apiBase + "]";
    }
}
