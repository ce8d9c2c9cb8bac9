package dev.workitems.benchmarks.boot;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.workitems.NewApprovalItem;
import dev.workitems.NewWorkItem;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemType;
import dev.workitems.WorkItems;
import dev.workitems.http.Authenticator;
import dev.workitems.http.JwtAuthenticator;
import dev.workitems.http.RateLimit;
import dev.workitems.http.WorkItemsHttp;
import dev.workitems.spi.IdentityDirectory;
import dev.workitems.spi.InMemoryIdentityDirectory;
import dev.workitems.spi.WorkItemRepository;
import dev.workitems.storage.jdbc.JdbcWorkItemRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The V2024 API served by a Spring Boot application (the starter, Spring MVC on Tomcat) beside the standalone server
 * (Javalin on Jetty), in one JVM, over one service and one SQLite store, called the same way (HTTP/1.1 keep-alive, a
 * real HS256 JWT, the rate limit off, each body read whole): get one item, a page of 250, approve one approval item.
 * Each round measures every operation on both servers for a window, in alternating order, after a warm-up round; the
 * table gives each median with its range, and Boot's throughput as a share of the standalone server's.
 *
 * <p>Arguments: {@code items=12000 rounds=7 window=2000} (milliseconds).
 */
public final class CarrierBenchmark {
    private static final String SECRET = "a-benchmark-secret-of-at-least-32-bytes!";
    private static final String OWNER = "ef38f94347e94562b5bb8424a56397d8";

    private CarrierBenchmark() {}

    /** The Boot side: the starter's wiring over the beans the benchmark already built. */
    @SpringBootApplication
    static class BootSide {
        static WorkItems workItems;
        static WorkItemRepository store;
        static IdentityDirectory identities;

        @Bean
        WorkItems workItems() {
            return workItems;
        }

        @Bean
        WorkItemRepository workItemRepository() {
            return store;
        }

        @Bean
        IdentityDirectory identities() {
            return identities;
        }

        @Bean
        Authenticator authenticator() {
            return JwtAuthenticator.builder().hmacSecret(SECRET).build();
        }
    }

    private static String token() throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder()
                        .claim("identity_id", OWNER)
                        .claim("authorities", List.of())
                        .expirationTime(new Date(System.currentTimeMillis() + 24 * 3_600_000L))
                        .build());
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return "Bearer " + jwt.serialize();
    }

    private static byte[] call(String base, String token, String method, String path) {
        try {
            HttpURLConnection c =
                    (HttpURLConnection) URI.create(base + path).toURL().openConnection();
            c.setRequestMethod(method);
            c.setRequestProperty("Authorization", token);
            int status = c.getResponseCode();
            if (status != 200) {
                throw new IllegalStateException(method + " " + path + " answered " + status);
            }
            try (InputStream in = c.getInputStream()) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return calls per second of {@code op} on {@code base} during {@code windowMs} */
    private static double measure(Runnable op, long windowMs) {
        long end = System.nanoTime() + windowMs * 1_000_000L;
        long start = System.nanoTime();
        int n = 0;
        while (System.nanoTime() < end) {
            op.run();
            n++;
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * @param args {@code items=}, {@code rounds=}, {@code window=}
     * @throws Exception if a server cannot start or a call fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>(Map.of("items", "12000", "rounds", "7", "window", "2000"));
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            a.put(kv[0], kv[1]);
        }
        int items = Integer.parseInt(a.get("items"));
        int rounds = Integer.parseInt(a.get("rounds"));
        long window = Long.parseLong(a.get("window"));

        Path dir = Files.createTempDirectory("workitems-carrier-bench");
        JdbcWorkItemRepository store = JdbcWorkItemRepository.sqlite(dir.resolve("bench.db"));
        InMemoryIdentityDirectory people = new InMemoryIdentityDirectory().put(OWNER, "Ginger.Rogers");
        WorkItems service =
                WorkItems.builder().storage(store).identities(people).build();
        List<String[]> approvals = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        addItems(service, items, ids, approvals);

        WorkItemsHttp.Server javalin = WorkItemsHttp.builder()
                .workItems(service)
                .identities(people)
                .authenticator(JwtAuthenticator.builder().hmacSecret(SECRET).build())
                .rateLimit(RateLimit.off())
                .build()
                .start("127.0.0.1", 0);
        BootSide.workItems = service;
        BootSide.store = store;
        BootSide.identities = people;
        SpringApplication app = new SpringApplication(BootSide.class);
        app.setDefaultProperties(Map.of(
                "server.port", "0",
                "server.address", "127.0.0.1",
                "spring.main.banner-mode", "off",
                "logging.level.root", "WARN",
                "workitems.http.rate-limit-requests", "0",
                "workitems.timers.enabled", "false"));
        ConfigurableApplicationContext boot = app.run();
        try {
            run(service, ids, approvals, javalin, boot, rounds, window);
        } finally {
            boot.close();
            javalin.close();
            store.close();
        }
    }

    private static void run(
            WorkItems service,
            List<String> ids,
            List<String[]> approvals,
            WorkItemsHttp.Server javalin,
            ConfigurableApplicationContext boot,
            int rounds,
            long window)
            throws Exception {
        Map<String, String> bases = new LinkedHashMap<>();
        bases.put("standalone (Javalin)", "http://127.0.0.1:" + javalin.port() + "/v2024/work-items");
        bases.put(
                "Spring Boot (MVC)",
                "http://127.0.0.1:"
                        + ((WebServerApplicationContext) boot).getWebServer().getPort() + "/v2024/work-items");
        String token = token();
        AtomicInteger nextApproval = new AtomicInteger();
        Map<String, java.util.function.Function<String, Runnable>> ops = new LinkedHashMap<>();
        ops.put(
                "get",
                base -> () -> call(
                        base,
                        token,
                        "GET",
                        "/" + ids.get(ThreadLocalRandom.current().nextInt(ids.size()))));
        ops.put("page of 250", base -> () -> call(base, token, "GET", "?limit=250&offset=0"));
        ops.put("approve", base -> () -> {
            String[] ap = approvals.get(nextApproval.getAndIncrement());
            call(base, token, "POST", "/" + ap[0] + "/approve/" + ap[1]);
        });

        Map<String, double[]> results = new LinkedHashMap<>();
        List<String> carriers = new ArrayList<>(bases.keySet());
        for (int r = -1; r < rounds; r++) { // round -1 warms both up
            List<String> order = new ArrayList<>(carriers);
            if (r % 2 != 0) {
                java.util.Collections.reverse(order);
            }
            for (String op : ops.keySet()) {
                for (String carrier : order) {
                    while (op.equals("approve") && approvals.size() - nextApproval.get() < 40_000) {
                        addItems(service, 2_000, ids, approvals); // fresh approval items, made between windows
                    }
                    double perSecond = measure(ops.get(op).apply(bases.get(carrier)), r < 0 ? window / 2 : window);
                    if (r >= 0) {
                        results.computeIfAbsent(op + "|" + carrier, k -> new double[rounds])[r] = perSecond;
                    }
                }
            }
        }
        System.out.printf(
                "CarrierBenchmark: %d items at the end, %d rounds of %d ms, one client thread, SQLite%n",
                ids.size(), rounds, window);
        System.out.println("| operation | standalone (Javalin) /s | Spring Boot (MVC) /s | Boot / standalone |");
        System.out.println("| --- | --- | --- | --- |");
        for (String op : ops.keySet()) {
            double[] j = results.get(op + "|" + carriers.get(0)).clone();
            double[] b = results.get(op + "|" + carriers.get(1)).clone();
            double[] ratios = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                ratios[i] = b[i] / j[i];
            }
            System.out.printf(
                    "| %s | %s | %s | %.2f (%.2f-%.2f) |%n",
                    op, spread(j), spread(b), median(ratios), min(ratios), max(ratios));
        }
    }

    /** Creates {@code n} pending items of 5 approval items each, in process (not measured). */
    private static void addItems(WorkItems service, int n, List<String> ids, List<String[]> approvals) {
        List<String[]> fresh = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            NewWorkItem.Builder b = NewWorkItem.builder()
                    .type(WorkItemType.APPROVAL)
                    .name("Access Request " + ids.size())
                    .description("Approve GitHub access")
                    .ownerId(OWNER);
            for (int k = 0; k < 5; k++) {
                b.approvalItem(NewApprovalItem.of("acct-" + i, "GitHub", "groups", "add", "team-" + k));
            }
            WorkItem w = service.create(b.build());
            ids.add(w.id());
            w.approvalItems().forEach(ap -> fresh.add(new String[] {w.id(), ap.id()}));
        }
        java.util.Collections.shuffle(fresh, new java.util.Random(ids.size()));
        approvals.addAll(fresh);
    }

    private static String spread(double[] v) {
        return String.format("%,.0f (%,.0f-%,.0f)", median(v), min(v), max(v));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(0);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(0);
    }
}
