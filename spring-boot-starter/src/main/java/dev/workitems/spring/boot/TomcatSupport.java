package dev.workitems.spring.boot;

import dev.workitems.http.WorkItemsApi;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.catalina.Container;
import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;

/**
 * What Tomcat needs to carry the API as the contract says: ids are opaque (D13), so an encoded {@code /} in a path
 * segment reaches the route as part of the id instead of Tomcat's 400; and a request under the API's paths that Tomcat
 * refuses itself (a NUL in the path) gets the contract's JSON body instead of Tomcat's HTML page. The host's other
 * paths keep Tomcat's own answers.
 */
final class TomcatSupport {
    private TomcatSupport() {}

    /** Lets {@code %2F} through, still encoded, to the application (which decodes each path segment on its own). */
    static void passEncodedSlashes(org.apache.catalina.connector.Connector connector) {
        connector.setEncodedSolidusHandling("passthrough");
    }

    /** Once Tomcat runs, answers its own refusals under the API's paths with the contract's body. */
    static void contractErrorPages(WebServerInitializedEvent event, WorkItemsApi api) {
        if (!(event.getWebServer() instanceof TomcatWebServer tomcat)) {
            return;
        }
        for (Container child : tomcat.getTomcat().getEngine().findChildren()) {
            if (child instanceof Host host) {
                for (Valve v : host.getPipeline().getValves()) {
                    if (v instanceof ErrorReportValve old && !(v instanceof ContractErrorValve)) {
                        ContractErrorValve mine = new ContractErrorValve(api);
                        mine.setShowReport(old.isShowReport());
                        mine.setShowServerInfo(old.isShowServerInfo());
                        host.getPipeline().removeValve(old);
                        host.getPipeline().addValve(mine);
                    }
                }
            }
        }
    }

    /** Tomcat's error report, but the contract's body for the API's paths. */
    static final class ContractErrorValve extends ErrorReportValve {
        private final WorkItemsApi api;

        ContractErrorValve(WorkItemsApi api) {
            this.api = api;
        }

        @Override
        protected void report(Request request, Response response, Throwable t) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !api.owns(request.getRequestURI())) {
                super.report(request, response, t);
                return;
            }
            if (!response.setErrorReported()) {
                return;
            }
            api.refused(new RefusedExchange(request, response), status, response.getMessage());
        }
    }

    /** The response of a request Tomcat refused, as the API writes it. */
    private record RefusedExchange(Request request, Response response) implements WorkItemsApi.Exchange {
        @Override
        public String method() {
            return request.getMethod();
        }

        @Override
        public String path() {
            return request.getRequestURI();
        }

        @Override
        public String pathParam(String name) {
            return null;
        }

        @Override
        public String queryParam(String name) {
            return null;
        }

        @Override
        public List<String> queryParams(String name) {
            return List.of();
        }

        @Override
        public String header(String name) {
            return request.getHeader(name);
        }

        @Override
        public byte[] body() {
            return new byte[0];
        }

        @Override
        public void status(int status) {
            response.setStatus(status);
        }

        @Override
        public void header(String name, String value) {
            response.setHeader(name, value);
        }

        @Override
        public void body(String contentType, byte[] body) {
            try {
                response.setContentType(contentType);
                PrintWriter w = response.getReporter();
                if (w != null) {
                    w.write(new String(body, StandardCharsets.UTF_8));
                }
                response.finishResponse();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public OutputStream stream(String contentType) {
            throw new UnsupportedOperationException("a refusal has a whole body");
        }
    }
}
