package dev.workitems.examples;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.workitems.Caller;
import dev.workitems.Form;
import dev.workitems.FormSection;
import dev.workitems.NewApprovalItem;
import dev.workitems.NewWorkItem;
import dev.workitems.ReassignmentConfigType;
import dev.workitems.ReassignmentRequest;
import dev.workitems.RemediationItem;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemType;
import dev.workitems.WorkItems;
import dev.workitems.http.JwtAuthenticator;
import dev.workitems.http.MyTasksPage;
import dev.workitems.http.WorkItemsHttp;
import dev.workitems.spi.InMemoryIdentityDirectory;
import dev.workitems.storage.jdbc.JdbcWorkItemRepository;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The example HTTP server: the V2024 Work Items API on 127.0.0.1:8080 over a SQLite file ({@code workitems-server.db},
 * or {@code -Dworkitems.db=...}), seeded once with identities and work items of every kind. It prints a ready-to-use
 * bearer token for each identity. The HS256 secret comes from the environment variable {@code WORKITEMS_JWT_SECRET}
 * when set (so other tools can mint tokens), else it is generated for this run. Port: {@code WORKITEMS_PORT} (default
 * 8080). Stop with Ctrl+C; requests in flight finish.
 */
public final class ServerMain {
    /** The seeded identities: id, name, roles. */
    static final List<String[]> PEOPLE = List.of(
            new String[] {"ef38f94347e94562b5bb8424a56397d8", "Ginger.Rogers", ""},
            new String[] {"2c9180835d2e5168015d32f890ca1581", "Fred.Astaire", ""},
            new String[] {"2c91808a7813090a017814121e121518", "Cyd.Charisse", "ROLE_ADMIN"},
            new String[] {"a1d0c6e83f027327d8461063f4ac58a6", "Ada.Admin", "ORG_ADMIN"});

    static final String GINGER = PEOPLE.get(0)[0];
    static final String FRED = PEOPLE.get(1)[0];
    static final String CYD = PEOPLE.get(2)[0];
    static final String ADA = PEOPLE.get(3)[0];

    private ServerMain() {}

    /** A running example server and the tokens of its identities. */
    record Started(
            WorkItemsHttp.Server server, JdbcWorkItemRepository store, WorkItems workItems, Map<String, String> tokens)
            implements AutoCloseable {
        @Override
        public void close() {
            server.close();
            store.close();
        }
    }

    /** @param args ignored */
    public static void main(String[] args) {
        String secret = System.getenv("WORKITEMS_JWT_SECRET");
        boolean generated = secret == null || secret.isBlank();
        if (generated) {
            byte[] b = new byte[32];
            new SecureRandom().nextBytes(b);
            secret = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        }
        int port = Integer.parseInt(System.getenv().getOrDefault("WORKITEMS_PORT", "8080"));
        Path db = Path.of(System.getProperty("workitems.db", "workitems-server.db"))
                .toAbsolutePath();
        Started s = start(db, "127.0.0.1", port, secret, System.out);
        System.out.println(
                generated
                        ? "The HS256 secret was generated for this run; set WORKITEMS_JWT_SECRET to choose it."
                        : "The HS256 secret comes from WORKITEMS_JWT_SECRET.");
        System.out.println("Ctrl+C stops the server (requests in flight finish).");
        Runtime.getRuntime().addShutdownHook(new Thread(s::close));
    }

    /**
     * @param db the SQLite file
     * @param host the interface
     * @param port the port, 0 for any
     * @param secret the HS256 secret (at least 32 bytes)
     * @param out where to print the identities, tokens and curl lines
     * @return the running server
     */
    static Started start(Path db, String host, int port, String secret, PrintStream out) {
        InMemoryIdentityDirectory people = new InMemoryIdentityDirectory();
        PEOPLE.forEach(p -> people.put(p[0], p[1]));
        JdbcWorkItemRepository store = JdbcWorkItemRepository.sqlite(db);
        WorkItems workItems =
                WorkItems.builder().storage(store).identities(people).build();
        boolean seeded = seedOnce(workItems);
        WorkItemsHttp api = WorkItemsHttp.builder()
                .workItems(workItems)
                .identities(people)
                .authenticator(JwtAuthenticator.builder().hmacSecret(secret).build())
                .build();
        WorkItemsHttp.Server server = api.start(host, port, MyTasksPage.atRoot()::mount);
        String base = "http://" + host + ":" + server.port() + "/v2024";
        out.println("workitems V2024 Work Items API on " + base + " over SQLite file " + db
                + (seeded ? " (seeded now)" : " (seeded before)"));
        out.println("My Tasks page: http://" + host + ":" + server.port() + "/ (sign in with a token below)");
        Map<String, String> tokens = new LinkedHashMap<>();
        out.println();
        for (String[] p : PEOPLE) {
            String token = token(secret, p[0], p[1], p[2].isEmpty() ? List.of() : List.of(p[2]));
            tokens.put(p[1], token);
            out.printf("%-14s id %s  roles %-10s%n  token %s%n", p[1], p[0], p[2].isEmpty() ? "-" : p[2], token);
        }
        String t = tokens.get("Ginger.Rogers");
        out.println();
        out.println("Try (as Ginger.Rogers):");
        out.println("  TOKEN=" + t);
        out.println(
                "  curl -s -i \"" + base + "/work-items?limit=250&count=true\" -H \"Authorization: Bearer $TOKEN\"");
        out.println("  curl -s \"" + base + "/work-items/summary\" -H \"Authorization: Bearer $TOKEN\"");
        out.println("  curl -s \"" + base + "/work-items/completed\" -H \"Authorization: Bearer $TOKEN\"");
        out.println(
                "  curl -s -X POST \"" + base + "/work-items/bulk-approve/<id>\" -H \"Authorization: Bearer $TOKEN\"");
        out.println("  curl -s -X POST \"" + base + "/work-items/<id>/forward\" -H \"Authorization: Bearer $TOKEN\""
                + " -H 'Content-Type: application/json' -d '{\"targetOwnerId\":\"" + CYD
                + "\",\"comment\":\"over to you\"}'");
        return new Started(server, store, workItems, tokens);
    }

    static String token(String secret, String id, String name, List<String> roles) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .claim("identity_id", id)
                    .claim("user_name", name)
                    .claim("authorities", roles)
                    .issueTime(new Date())
                    .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(12))))
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("the secret must have at least 32 bytes", e);
        }
    }

    /**
     * Seeds the store unless Ginger already has items: the scenario, approval sets, generic and form items, some
     * completed.
     */
    private static boolean seedOnce(WorkItems w) {
        Caller ginger = Caller.of(GINGER);
        if (w.summary(ginger, null).total() > 0) {
            return false;
        }
        w.create(NewWorkItem.builder()
                .type(WorkItemType.MANUAL_ACTION)
                .name("Create an Account")
                .description("Create account fred-astaire-sp on source 'GitHub' for identity Fred.Astaire")
                .requesterId(FRED)
                .ownerId(GINGER)
                .approvalItem(NewApprovalItem.of("fred-astaire-sp", "GitHub", "account", "Create", "fred-astaire-sp"))
                .approvalItem(NewApprovalItem.of("fred-astaire-sp", "GitHub", "teams", "Add", "engineering"))
                .build());
        String[][] requests = {
            {"Active Directory", "memberOf", "cn=finance"},
            {"Salesforce", "profile", "Sales User"},
            {"GitHub", "teams", "release-managers"}
        };
        for (String[] r : requests) {
            NewWorkItem.Builder b = NewWorkItem.builder()
                    .type(WorkItemType.APPROVAL)
                    .name("Access Request")
                    .description("Approve " + r[0] + " access for Fred.Astaire")
                    .requesterId(FRED)
                    .ownerId(GINGER);
            for (int i = 1; i <= 3; i++) {
                b.approvalItem(NewApprovalItem.of("fred.astaire", r[0], r[1], "Add", r[2] + " " + i));
            }
            w.create(b.build());
        }
        w.create(NewWorkItem.builder()
                .type(WorkItemType.FORM)
                .name("Account Selection")
                .description("Fred.Astaire has two GitHub accounts: pick the one to provision")
                .requesterId(FRED)
                .ownerId(GINGER)
                .form(new Form(
                        "f1",
                        "AccountSelection Form",
                        "Account Selection for Fred.Astaire",
                        "Please select from the following",
                        "Fred.Astaire",
                        List.of(new FormSection(
                                "accounts",
                                "GitHub accounts",
                                List.of(Map.of(
                                        "name",
                                        "account",
                                        "type",
                                        "select",
                                        "options",
                                        List.of("fred-astaire-sp", "fastaire")))))))
                .remediationItem(new RemediationItem(
                        "c1",
                        FRED,
                        "Fred.Astaire",
                        "Fred Astaire",
                        "GitHub",
                        "login",
                        "update",
                        "fred-astaire-sp",
                        "fred-astaire-sp"))
                .build());
        List<WorkItem> generic = new ArrayList<>();
        for (String[] task : new String[][] {
            {"Ship a laptop", "Ship a laptop to Fred.Astaire"},
            {"Print a badge", "Print a building badge for Fred.Astaire"},
            {"Disable old VPN account", "Disable the old VPN account of Fred.Astaire"}
        }) {
            generic.add(w.create(NewWorkItem.builder()
                    .type(WorkItemType.GENERIC)
                    .name(task[0])
                    .description(task[1])
                    .requesterId(FRED)
                    .ownerId(GINGER)
                    .build()));
        }
        w.complete(ginger, generic.get(2).id());
        WorkItem done = w.create(NewWorkItem.builder()
                .type(WorkItemType.APPROVAL)
                .name("Access Request")
                .description("Approve Jira access for Fred.Astaire")
                .requesterId(FRED)
                .ownerId(GINGER)
                .approvalItem(NewApprovalItem.of("fred.astaire", "Jira", "group", "Add", "jira-users"))
                .build());
        w.bulkApprove(ginger, done.id());
        w.complete(ginger, done.id());
        w.create(NewWorkItem.builder()
                .type(WorkItemType.GENERIC)
                .name("Review task")
                .description("Review the GitHub audit log")
                .requesterId(GINGER)
                .ownerId(CYD)
                .build());
        // Out of office: Fred's manual tasks go to Cyd for good, so the next one made for Fred lands with Cyd, with a
        // REASSIGNED event naming Fred in its history. See GET /v2024/reassignment-configurations as Ada.
        w.reassignments()
                .create(
                        Caller.of(ADA, "ORG_ADMIN"),
                        new ReassignmentRequest(FRED, CYD, ReassignmentConfigType.MANUAL_TASKS, null, null));
        w.create(NewWorkItem.builder()
                .type(WorkItemType.GENERIC)
                .name("Badge PIN reset")
                .description("Reset the badge PIN of Fred.Astaire (made for Fred, who is away: Cyd has it)")
                .requesterId(GINGER)
                .ownerId(FRED)
                .build());
        return true;
    }
}
