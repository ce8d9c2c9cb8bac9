package dev.workitems.benchmarks.jmh;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.workitems.http.JwtAuthenticator;
import dev.workitems.http.RateLimit;
import dev.workitems.http.WorkItemsHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * workitems through its HTTP adapter on 127.0.0.1 (an ephemeral port), over the same service and store as an in-process
 * system, so the two can be compared call for call. A real JWT per caller (HS256), the rate limit off, HTTP/1.1 with
 * keep-alive (the JDK's HttpURLConnection: its java.net.http client added about 150 µs per call here); each response
 * body is read whole, as bytes. Creating tasks is not part of the V2024 API, so fresh tasks are made in-process.
 */
class HttpSystem implements TaskSystem {
    private static final String SECRET = "a-benchmark-secret-of-at-least-32-bytes!";

    private final WorkItemsSystem inProcess;
    private final AutoCloseable server;
    private final String base;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    HttpSystem(WorkItemsSystem inProcess) {
        this(
                inProcess,
                WorkItemsHttp.builder()
                        .workItems(inProcess.service())
                        .authenticator(authenticator())
                        .rateLimit(RateLimit.off())
                        .build()
                        .start("127.0.0.1", 0));
    }

    private HttpSystem(WorkItemsSystem inProcess, WorkItemsHttp.Server server) {
        this(inProcess, server.port(), server::close);
    }

    /**
     * @param inProcess the system whose data (and, for creates, whose service) this one serves
     * @param port the port of the server that answers under {@code /v2024/work-items}
     * @param server stops that server
     */
    HttpSystem(WorkItemsSystem inProcess, int port, AutoCloseable server) {
        this.inProcess = inProcess;
        this.server = server;
        this.base = "http://127.0.0.1:" + port + "/v2024/work-items";
    }

    /** @return the JWT check of the API and of the HTTP floor: the same secret, the same library */
    static JwtAuthenticator authenticator() {
        return JwtAuthenticator.builder().hmacSecret(SECRET).build();
    }

    private String token(String identity) {
        return tokens.computeIfAbsent(identity, id -> {
            try {
                SignedJWT jwt = new SignedJWT(
                        new JWSHeader(JWSAlgorithm.HS256),
                        new JWTClaimsSet.Builder()
                                .claim("identity_id", id)
                                .claim("authorities", id.equals("admin") ? List.of("ORG_ADMIN") : List.of())
                                .expirationTime(new Date(System.currentTimeMillis() + 24 * 3_600_000L))
                                .build());
                jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
                return "Bearer " + jwt.serialize();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** @return the response body of one call, read whole */
    byte[] call(String identity, String method, String path, String json) {
        try {
            HttpURLConnection c =
                    (HttpURLConnection) URI.create(base + path).toURL().openConnection();
            c.setRequestMethod(method);
            c.setRequestProperty("Authorization", token(identity));
            c.setConnectTimeout(5_000);
            c.setReadTimeout(60_000);
            if (json != null) {
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", "application/json");
                try (OutputStream out = c.getOutputStream()) {
                    out.write(json.getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = c.getResponseCode();
            if (status / 100 != 2) {
                byte[] error;
                try (InputStream in = c.getErrorStream()) {
                    error = in == null ? new byte[0] : in.readAllBytes();
                }
                throw new IllegalStateException(
                        method + " " + path + " answered " + status + ": " + new String(error, StandardCharsets.UTF_8));
            }
            try (InputStream in = c.getInputStream()) {
                return in.readAllBytes(); // read whole, so the connection goes back to the keep-alive cache
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean supports(String operation) {
        return !operation.equals("pageAfter") && !operation.equals("create");
    }

    @Override
    public String[] create(String owner) {
        return inProcess.create(owner);
    }

    @Override
    public Object get(String id) {
        return call("admin", "GET", "/" + id, null);
    }

    @Override
    public int page(String owner, int offset, int limit) {
        return call(owner, "GET", "?limit=" + limit + "&offset=" + offset, null).length;
    }

    @Override
    public long count(String owner) {
        return call(owner, "GET", "/count", null).length;
    }

    @Override
    public long[] summary(String owner) {
        return new long[] {call(owner, "GET", "/summary", null).length};
    }

    @Override
    public void complete(String id) {
        call("admin", "POST", "/" + id, null);
    }

    @Override
    public void forward(String id, String newOwner) {
        call(
                "admin",
                "POST",
                "/" + id + "/forward",
                "{\"targetOwnerId\":\"" + newOwner + "\",\"comment\":\"handing over\",\"sendNotifications\":false}");
    }

    @Override
    public void approve(String id, String approvalId) {
        call("admin", "POST", "/" + id + "/approve/" + approvalId, null);
    }

    @Override
    public void approveAll(String id) {
        call("admin", "POST", "/bulk-approve/" + id, null);
    }

    @Override
    public void load(int n, String heavy, int owners) {
        // the data is the in-process system's
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the server", e);
        }
    }
}
