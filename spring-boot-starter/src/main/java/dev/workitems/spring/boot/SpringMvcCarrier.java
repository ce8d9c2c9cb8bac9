package dev.workitems.spring.boot;

import dev.workitems.InvalidRequestException;
import dev.workitems.http.MyTasksPage;
import dev.workitems.http.WorkItemsApi;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Spring MVC's carrier of the API: each of {@link WorkItemsApi#routes()} as a functional route on the application's own
 * DispatcherServlet, answered by {@link WorkItemsApi#handle} straight onto the servlet response (no message converters,
 * no second copy of a page of items). What is answered, and how, is the API's; this only carries it.
 */
final class SpringMvcCarrier {
    private SpringMvcCarrier() {}

    static RouterFunction<ServerResponse> routes(WorkItemsApi api) {
        RouterFunctions.Builder b = RouterFunctions.route();
        for (WorkItemsApi.Route r : api.routes()) {
            // The API's final "*" is any rest of the path: Spring's "**".
            String pattern = r.path().endsWith("/*") ? r.path() + "*" : r.path();
            b.route(
                    RequestPredicates.method(HttpMethod.valueOf(r.method())).and(RequestPredicates.path(pattern)),
                    req -> ServerResponse.ok().build((hreq, hres) -> {
                        api.handle(r, new ServletExchange(req, hreq, hres));
                        return null;
                    }));
        }
        return b.build();
    }

    static RouterFunction<ServerResponse> page(MyTasksPage page) {
        RouterFunctions.Builder b = RouterFunctions.route();
        for (String path : page.paths()) {
            b.GET(
                    path,
                    req -> ServerResponse.ok().build((hreq, hres) -> {
                        page.serve(path, new ServletExchange(req, hreq, hres));
                        return null;
                    }));
        }
        return b.build();
    }

    /** A servlet request and response, as the API sees them. */
    private static final class ServletExchange implements WorkItemsApi.Exchange {
        private final ServerRequest request;
        private final HttpServletRequest hreq;
        private final HttpServletResponse hres;
        private Map<String, List<String>> query;

        ServletExchange(ServerRequest request, HttpServletRequest hreq, HttpServletResponse hres) {
            this.request = request;
            this.hreq = hreq;
            this.hres = hres;
        }

        @Override
        public String method() {
            return hreq.getMethod();
        }

        @Override
        public String path() {
            return hreq.getRequestURI();
        }

        @Override
        public String pathParam(String name) {
            return request.pathVariable(name);
        }

        @Override
        public String queryParam(String name) {
            List<String> v = query().get(name);
            return v == null ? null : v.get(0);
        }

        @Override
        public List<String> queryParams(String name) {
            return query().getOrDefault(name, List.of());
        }

        /** The query string's parameters, decoded; never the body's (a form body is not a query). */
        private Map<String, List<String>> query() {
            if (query == null) {
                query = new LinkedHashMap<>();
                String q = hreq.getQueryString();
                if (q != null && !q.isEmpty()) {
                    for (String pair : q.split("&")) {
                        int eq = pair.indexOf('=');
                        String k = decode(eq < 0 ? pair : pair.substring(0, eq));
                        String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
                        query.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
                    }
                }
            }
            return query;
        }

        private static String decode(String s) {
            try {
                return URLDecoder.decode(s, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("the query string is not valid: " + e.getMessage(), "query");
            }
        }

        @Override
        public String header(String name) {
            return hreq.getHeader(name);
        }

        @Override
        public byte[] body() throws IOException {
            try (InputStream in = hreq.getInputStream()) {
                byte[] bytes = in.readNBytes(WorkItemsApi.MAX_BODY_BYTES + 1);
                if (bytes.length > WorkItemsApi.MAX_BODY_BYTES) {
                    throw new InvalidRequestException("the body is larger than 1 MiB", "body");
                }
                return bytes;
            }
        }

        @Override
        public void status(int status) {
            hres.setStatus(status);
        }

        @Override
        public void header(String name, String value) {
            hres.setHeader(name, value);
        }

        @Override
        public void body(String contentType, byte[] body) {
            if (contentType != null) {
                hres.setContentType(contentType);
            }
            hres.setContentLength(body.length);
            try {
                hres.getOutputStream().write(body);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public OutputStream stream(String contentType) throws IOException {
            hres.setContentType(contentType);
            return hres.getOutputStream();
        }
    }
}
