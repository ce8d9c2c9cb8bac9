package dev.workitems.benchmarks;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.workitems.ApprovalItem;
import dev.workitems.HistoryAction;
import dev.workitems.HistoryEvent;
import dev.workitems.WorkItem;
import dev.workitems.WorkItemState;
import dev.workitems.WorkItemType;
import dev.workitems.WorkItems;
import dev.workitems.http.JwtAuthenticator;
import dev.workitems.http.RateLimit;
import dev.workitems.http.WorkItemsHttp;
import dev.workitems.spi.IdGenerator;
import dev.workitems.spi.InMemoryIdentityDirectory;
import dev.workitems.spi.WorkItemWrite;
import dev.workitems.storage.jdbc.JdbcWorkItemRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * A server for load generators (wrk): the HTTP adapter on 127.0.0.1 over a fresh SQLite file with the library's
 * defaults, one owner holding {@code items} pending work items of 5 approval items each, the rate limit off. Writes
 * {@code token.txt} (the owner's bearer token) and {@code approvals.txt} (one {@code itemId approvalItemId} per line,
 * for approve runs that each decide a new approval item) into the output folder, prints {@code ready <port>}, and
 * serves until killed.
 *
 * <p>Arguments: {@code dir=benchmarks/target/http items=20000 port=0}.
 */
public final class HttpLoadServer {
    private HttpLoadServer() {}

    /** @param args key=value options */
    public static void main(String[] args) throws Exception {
        Map<String, String> opt =
                new java.util.HashMap<>(Map.of("dir", "benchmarks/target/http", "items", "20000", "port", "0"));
        for (String a : args) {
            String[] kv = a.split("=", 2);
            opt.put(kv[0], kv[1]);
        }
        Path dir = Path.of(opt.get("dir"));
        Files.createDirectories(dir);
        Path db = dir.resolve("load.db");
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(db + suffix));
        }
        JdbcWorkItemRepository store = JdbcWorkItemRepository.sqlite(db);
        String owner = "load-owner";
        IdGenerator ids = IdGenerator.randomUuid();
        List<WorkItemWrite> writes = new ArrayList<>();
        StringBuilder pairs = new StringBuilder();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        int n = Integer.parseInt(opt.get("items"));
        for (int i = 0; i < n; i++) {
            String id = ids.newId();
            List<ApprovalItem> approvals = new ArrayList<>();
            for (int a = 0; a < 5; a++) {
                String aid = ids.newId();
                approvals.add(new ApprovalItem(
                        aid, "acct-" + i, "GitHub", "teams", "Add", "team-" + a, WorkItemState.PENDING));
                pairs.append(id).append(' ').append(aid).append('\n');
            }
            Instant created = t0.plusMillis(i);
            WorkItem w = WorkItem.builder()
                    .id(id)
                    .ownerId(owner)
                    .ownerName("Load Owner")
                    .requesterId("requester")
                    .requesterDisplayName("Requester")
                    .created(created)
                    .description("Approve GitHub access " + i)
                    .type(WorkItemType.APPROVAL)
                    .name("Access Request")
                    .approvalItems(approvals)
                    .build();
            writes.add(new WorkItemWrite(
                    w, List.of(new HistoryEvent(id, 1, created, "requester", HistoryAction.CREATED, null, Map.of()))));
        }
        store.importItems(writes);
        Files.writeString(dir.resolve("approvals.txt"), pairs);
        String secret = "a-load-test-secret-of-at-least-32-bytes";
        SignedJWT jwt = new SignedJWT(
                new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder()
                        .claim("identity_id", owner)
                        .claim("authorities", List.of())
                        .expirationTime(new Date(System.currentTimeMillis() + 3_600_000L))
                        .build());
        jwt.sign(new MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Files.writeString(dir.resolve("token.txt"), jwt.serialize());
        WorkItems workItems = WorkItems.builder()
                .storage(store)
                .identities(new InMemoryIdentityDirectory().put(owner, "Load Owner"))
                .notifier(x -> {})
                .build();
        WorkItemsHttp.Server server = WorkItemsHttp.builder()
                .workItems(workItems)
                .authenticator(JwtAuthenticator.builder().hmacSecret(secret).build())
                .rateLimit(RateLimit.off())
                .build()
                .start("127.0.0.1", Integer.parseInt(opt.get("port")));
        System.out.println("ready " + server.port());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            store.close();
        }));
    }
}
