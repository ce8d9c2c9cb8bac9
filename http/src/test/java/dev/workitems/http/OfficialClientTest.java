package dev.workitems.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workitems.NewApprovalItem;
import dev.workitems.NewWorkItem;
import dev.workitems.WorkItemType;
import dev.workitems.testkit.Fixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * SailPoint's official TypeScript client ({@code sailpoint-api-client} 1.4.15, pinned by
 * {@code src/test/ts-client/package-lock.json}) drives all 13 operations against a real server. Without Node.js the
 * test reports that it skipped and why, unless {@code WORKITEMS_REQUIRE_NODE} is set (as {@code .ci/run} does).
 */
class OfficialClientTest {
    /** The pinned client, found from this module or (when another module runs this suite) from a sibling. */
    private static final Path CLIENT = Files.isDirectory(Path.of("src/test/ts-client"))
            ? Path.of("src/test/ts-client").toAbsolutePath()
            : Path.of("../http/src/test/ts-client").toAbsolutePath().normalize();

    private static String run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb =
                new ProcessBuilder(command).directory(CLIENT.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + p.exitValue() + ":\n" + out);
        }
        return out;
    }

    private static String missingNode() {
        try {
            Process p = new ProcessBuilder("node", "--version")
                    .redirectErrorStream(true)
                    .start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() != 0 || !v.startsWith("v")) {
                return "node --version failed: " + v;
            }
            Process npm = new ProcessBuilder("npm", "--version")
                    .redirectErrorStream(true)
                    .start();
            npm.getInputStream().readAllBytes();
            return npm.waitFor() == 0 ? null : "npm --version failed";
        } catch (IOException | InterruptedException e) {
            return "Node.js is not installed (" + e.getMessage() + ")";
        }
    }

    /** Skips (or, with WORKITEMS_REQUIRE_NODE, fails) without Node.js; installs the pinned client once. */
    private static void requireClient() throws IOException, InterruptedException {
        String missing = missingNode();
        if (missing != null) {
            String required = System.getenv("WORKITEMS_REQUIRE_NODE");
            if (required != null && !required.isBlank()) {
                throw new AssertionError("WORKITEMS_REQUIRE_NODE is set but " + missing);
            }
            System.out.println("OfficialClientTest skipped: " + missing);
            Assumptions.abort("skipped: " + missing + " (set WORKITEMS_REQUIRE_NODE to make this a failure)");
        }
        if (!Files.isDirectory(CLIENT.resolve("node_modules/sailpoint-api-client"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of());
        }
    }

    @Test
    void theOfficialTypeScriptClientDrivesAll13Operations() throws Exception {
        requireClient();
        try (Api api = new Api(RateLimit.DEFAULT)) {
            api.clock.set(java.time.Instant.now()); // the client runs in real time
            Fixture fx = api.fx;
            for (int i = 0; i < 3; i++) {
                NewWorkItem.Builder b = NewWorkItem.builder()
                        .type(WorkItemType.APPROVAL)
                        .name("Access Request " + i)
                        .description("Approve GitHub access for Fred.Astaire")
                        .requesterId(Fixture.FRED)
                        .ownerId(Fixture.GINGER);
                for (int a = 0; a < 3; a++) {
                    b.approvalItem(NewApprovalItem.of("fred-astaire-sp", "GitHub", "teams", "Add", "team-" + a));
                }
                fx.service().create(b.build());
            }
            fx.form(Fixture.GINGER);
            fx.generic(Fixture.GINGER);
            fx.generic(Fixture.GINGER);
            String out = run(
                    List.of("node", "e2e.cjs"),
                    Map.of(
                            "BASE_URL", "http://127.0.0.1:" + api.server.port(),
                            "OWNER_TOKEN", api.token(Fixture.GINGER),
                            "ADMIN_TOKEN", api.token(Fixture.ADA, "ORG_ADMIN"),
                            "OTHER_TOKEN", api.token(Fixture.CYD),
                            "TARGET_ID", Fixture.FRED));
            System.out.print(out);
            assertTrue(out.contains("official client: 13 operations"), out);
            assertEquals(1, fx.forwardNotifications().size(), "the forward with sendNotifications=true notified");
        }
    }

    @Test
    void theOfficialTypeScriptClientDrivesAll9ReassignmentOperations() throws Exception {
        requireClient();
        try (Api api = new Api(RateLimit.DEFAULT)) {
            api.clock.set(java.time.Instant.now()); // the client runs in real time
            String out = run(
                    List.of("node", "e2e-reassignment.cjs"),
                    Map.of(
                            "BASE_URL",
                            "http://127.0.0.1:" + api.server.port(),
                            "OWNER_TOKEN",
                            api.token(Fixture.GINGER),
                            "ADMIN_TOKEN",
                            api.token(Fixture.ADA, "ORG_ADMIN"),
                            "OTHER_TOKEN",
                            api.token(Fixture.FRED),
                            "OWNER_ID",
                            Fixture.GINGER,
                            "DELEGATE_ID",
                            Fixture.CYD,
                            "OTHER_ID",
                            Fixture.FRED));
            System.out.print(out);
            assertTrue(out.contains("official client: 9 reassignment operations"), out);
        }
    }
}
