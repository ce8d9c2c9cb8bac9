package dev.workitems.http;

import dev.workitems.spi.IdGenerator;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty raises itself, before any route runs (a NUL in the path, a malformed request line), with the
 * contract's {@code ErrorResponseDto} instead of an HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
    private final IdGenerator trackingIds;

    /** @param trackingIds makes the tracking id of each such answer */
    public JsonErrorHandler(IdGenerator trackingIds) {
        this.trackingIds = trackingIds;
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        String trackingId = trackingIds.newId();
        byte[] body;
        if (code == 404) {
            body = WireJson.error(
                    "404 Not found",
                    trackingId,
                    "The server did not find a current representation for the target resource.",
                    List.of("no such resource"));
        } else if (code >= 400 && code < 500) {
            response.setStatus(400);
            // Jetty closes the connection after a request it could not parse; say so, or a client reuses it.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            body = WireJson.error(
                    "400.1 Bad Request Content",
                    trackingId,
                    "The request was syntactically correct but its content is semantically invalid.",
                    List.of("the request is malformed: " + (message == null ? "HTTP " + code : message)));
        } else {
            body = WireJson.error("500.0 Internal Fault", trackingId, "An internal fault occurred.", List.of());
        }
        response.getHeaders().put("SLPT-Request-ID", trackingId);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=UTF-8");
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
