package dev.workitems.http;

import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final Map<String, File> files = new LinkedHashMap<>();

    /** One file of the page: its content type and bytes. */
    private record File(String contentType, byte[] bytes) {}

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
        files.put(
                path,
                new File(
                        "text/html;charset=UTF-8",
                        bytes(read("index.html").replace("data-api=\"/v2024\"", "data-api=\"" + apiBase + "\""))));
        files.put(path + "mytasks/mytasks.css", new File("text/css;charset=UTF-8", bytes(read("mytasks.css"))));
        files.put(path + "mytasks/mytasks.js", new File("text/javascript;charset=UTF-8", bytes(read("mytasks.js"))));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
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
        files.forEach((path, f) -> config.routes.get(path, ctx -> {
            headers(ctx::header);
            ctx.contentType(f.contentType()).result(f.bytes());
        }));
    }

    /** @return the paths of the page and its two files, for a carrier other than Javalin to route to {@link #serve} */
    public List<String> paths() {
        return List.copyOf(files.keySet());
    }

    /**
     * Answers a GET of one of {@link #paths()} (for a carrier other than Javalin, such as the Spring Boot starter's).
     *
     * @param path one of {@link #paths()}
     * @param ex the request and its response
     * @throws IllegalArgumentException if the path is not one of the page's
     */
    public void serve(String path, WorkItemsApi.Exchange ex) {
        File f = files.get(path);
        if (f == null) {
            throw new IllegalArgumentException("not a path of this page: " + path);
        }
        ex.status(200);
        headers(ex::header);
        ex.body(f.contentType(), f.bytes());
    }

    private static void headers(java.util.function.BiConsumer<String, String> header) {
        header.accept("Cache-Control", "no-cache");
        header.accept("X-Content-Type-Options", "nosniff");
    }

    @Override
    public String toString() {
        return "MyTasksPage[" + path + " over " + apiBase + "]";
    }
}
