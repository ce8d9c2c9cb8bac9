package dev.workitems.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workitems.NewApprovalItem;
import dev.workitems.NewWorkItem;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The My Tasks page in headless Chromium (Debian's {@code chromium}, driven by {@code playwright-core} pinned in
 * {@code src/test/browser/package-lock.json}) against the example server on an ephemeral port: sign in, lists and
 * counts, approve, reject, forward, account selection, complete, a 403 by URL, and out of office: Ginger sets a rule in
 * the page, the host creates an access request for her, Cyd finds it in her list with the reason, an admin ends
 * Ginger's rule and replaces Fred's. Screenshots of the list and the details go to {@code target/screenshots}. Without
 * Chromium or Node.js the test reports that it skipped and why, unless {@code WORKITEMS_REQUIRE_BROWSER} is set (as
 * {@code .ci/run} does).
 */
class MyTasksBrowserTest {
    private static final Path SCRIPT_DIR = Path.of("src/test/browser").toAbsolutePath();
    private static final String ODD_ID = "odd/id?x=1#frag%2F100%";
    private static final Path SHOTS = Path.of("target/screenshots").toAbsolutePath();

    private static String chromium() {
        String c = System.getenv("CHROMIUM");
        return c != null && !c.isBlank() ? c : "/usr/bin/chromium";
    }

    private static String missing() {
        if (!Files.isExecutable(Path.of(chromium()))) {
            return "Chromium not found at " + chromium() + " (install Debian's chromium package, or set CHROMIUM)";
        }
        try {
            Process p = new ProcessBuilder("node", "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0 ? null : "node --version failed";
        } catch (IOException | InterruptedException e) {
            return "Node.js is not installed (" + e.getMessage() + ")";
        }
    }

    private static String run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb =
                new ProcessBuilder(command).directory(SCRIPT_DIR.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + p.exitValue() + ":\n" + out);
        }
        return out;
    }

    @Test
    void aPersonWorksThroughTheirTasksInABrowser(@TempDir Path dir) throws Exception {
        String why = missing();
        if (why != null) {
            String required = System.getenv("WORKITEMS_REQUIRE_BROWSER");
            if (required != null && !required.isBlank()) {
                throw new AssertionError("WORKITEMS_REQUIRE_BROWSER is set but " + why);
            }
            System.out.println("MyTasksBrowserTest skipped: " + why);
            Assumptions.abort("skipped: " + why + " (set WORKITEMS_REQUIRE_BROWSER to make this a failure)");
        }
        if (!Files.isDirectory(SCRIPT_DIR.resolve("node_modules/playwright-core"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of());
        }
        Files.createDirectories(SHOTS);
        try (ServerMain.Started s = ServerMain.start(
                dir.resolve("server.db"),
                "127.0.0.1",
                0,
                "a-browser-test-secret-of-at-least-32-bytes",
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            // An item of Ada's whose ids hold '/', '?', '#' and '%': the page must encode them in every URL it builds.
            s.workItems()
                    .create(NewWorkItem.builder()
                            .id(ODD_ID)
                            .type(WorkItemType.APPROVAL)
                            .name("Odd id")
                            .description("An item whose id needs encoding")
                            .ownerId(ServerMain.ADA)
                            .approvalItem(
                                    new NewApprovalItem("a/1?#%", "ada-sp", "GitHub", "groups", "add", "odd-team"))
                            .approvalItem(NewApprovalItem.of("ada-sp", "GitHub", "groups", "add", "other-team"))
                            .build());
            Map<String, String> env = new java.util.HashMap<>(Map.of(
                    "BASE", "http://127.0.0.1:" + s.server().port(),
                    "GINGER_TOKEN", s.tokens().get("Ginger.Rogers"),
                    "ADA_TOKEN", s.tokens().get("Ada.Admin"),
                    "CYD_TOKEN", s.tokens().get("Cyd.Charisse"),
                    "CYD_ID", ServerMain.CYD,
                    "ODD_ID", ODD_ID,
                    "SHOTS", SHOTS.toString(),
                    "CHROMIUM", chromium()));
            String out = run(List.of("node", "mytasks.e2e.cjs"), env);
            System.out.print(out);
            assertTrue(out.contains("steps passed"), out);
            // Ginger set her out-of-office rule in the page (access requests to Cyd): the host's next access request
            // for her goes to Cyd, which the second part checks in Cyd's list and history.
            WorkItem created = s.workItems()
                    .create(NewWorkItem.builder()
                            .type(WorkItemType.APPROVAL)
                            .name("Approve GitHub admin for Fred")
                            .description("Fred.Astaire asks for the admin team on GitHub")
                            .requesterId(ServerMain.FRED)
                            .ownerId(ServerMain.GINGER)
                            .approvalItem(NewApprovalItem.of("fred-astaire-sp", "GitHub", "teams", "add", "admin"))
                            .build());
            assertEquals(ServerMain.CYD, created.ownerId(), "Ginger's rule sent the new item to Cyd");
            String second = run(List.of("node", "outofoffice.e2e.cjs"), env);
            System.out.print(second);
            assertTrue(second.contains("steps passed"), second);
        }
        for (String shot : List.of(
                "list.png", "details.png", "forbidden.png", "list-phone.png", "out-of-office.png", "reassigned.png")) {
            assertTrue(Files.size(SHOTS.resolve(shot)) > 10_000, shot + " was saved");
        }
    }
}
