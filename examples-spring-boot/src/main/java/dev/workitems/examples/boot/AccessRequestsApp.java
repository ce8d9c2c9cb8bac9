package dev.workitems.examples.boot;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.workitems.spi.IdentityDirectory;
import dev.workitems.spi.InMemoryIdentityDirectory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * A Spring Boot application with workitems' starter: the V2024 Work Items API and the My Tasks page on Boot's own port,
 * over the application's DataSource (SQLite by default, PostgreSQL by property), and the host's own endpoint
 * {@code POST /access-requests} that writes an access-request row and its approval work item in one transaction. Prints
 * a token per identity and example requests at start.
 */
@SpringBootApplication
public class AccessRequestsApp {
    /** The identities: id, name, roles. */
    static final List<String[]> PEOPLE = List.of(
            new String[] {"ef38f94347e94562b5bb8424a56397d8", "Ginger.Rogers", ""},
            new String[] {"2c9180835d2e5168015d32f890ca1581", "Fred.Astaire", ""},
            new String[] {"2c91808a7813090a017814121e121518", "Cyd.Charisse", ""},
            new String[] {"a1d0c6e83f027327d8461063f4ac58a6", "Ada.Admin", "ORG_ADMIN"});

    static final String GINGER = PEOPLE.get(0)[0];
    static final String FRED = PEOPLE.get(1)[0];
    static final String ADA = PEOPLE.get(3)[0];

    /** @param args Spring Boot's arguments, e.g. {@code --spring.datasource.url=jdbc:postgresql://...} */
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(AccessRequestsApp.class);
        String secret = System.getenv("WORKITEMS_JWT_SECRET");
        if (secret == null || secret.isBlank()) {
            byte[] random = new byte[32];
            new java.security.SecureRandom().nextBytes(random);
            secret = java.util.HexFormat.of().formatHex(random); // one secret for this run: the tokens printed use it
        }
        app.setDefaultProperties(Map.of("workitems.http.jwt.hmac-secret", secret));
        app.run(args);
    }

    /** Who exists: the starter needs one directory. */
    @Bean
    IdentityDirectory identities() {
        InMemoryIdentityDirectory d = new InMemoryIdentityDirectory();
        PEOPLE.forEach(p -> d.put(p[0], p[1]));
        return d;
    }

    /** A token per identity, signed with the configured secret, for the page and for curl. */
    static Map<String, String> tokens(String secret) {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String[] p : PEOPLE) {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .claim("identity_id", p[0])
                    .claim("user_name", p[1])
                    .claim("authorities", p[2].isEmpty() ? List.of() : List.of(p[2]))
                    .expirationTime(Date.from(Instant.now().plusSeconds(12 * 3600)))
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            try {
                jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            } catch (JOSEException e) {
                throw new IllegalStateException("cannot sign a token", e);
            }
            tokens.put(p[1], jwt.serialize());
        }
        return tokens;
    }

    /** At start: one access request if there is none yet, then where to go and with which token. */
    @Bean
    ApplicationRunner welcome(Environment env, AccessRequests requests, WebServerApplicationContext web) {
        return args -> {
            if (requests.list().isEmpty()) {
                requests.request(FRED, GINGER, "GitHub", "admin", false);
            }
            String base = "http://127.0.0.1:" + web.getWebServer().getPort();
            Map<String, String> tokens = tokens(env.getRequiredProperty("workitems.http.jwt.hmac-secret"));
            System.out.println("workitems on Spring Boot: " + base + "/ (My Tasks), " + base + "/v2024/work-items");
            tokens.forEach((name, token) -> System.out.println(name + " token: " + token));
            System.out.println("Try:\n  curl -s -X POST " + base
                    + "/access-requests -H 'Content-Type: application/json'"
                    + " -d '{\"requesterId\":\"" + FRED + "\",\"ownerId\":\"" + GINGER
                    + "\",\"application\":\"GitHub\",\"entitlement\":\"admin\"}'\n"
                    + "  curl -s " + base + "/v2024/work-items -H 'Authorization: Bearer " + tokens.get("Ginger.Rogers")
                    + "'\n  curl -s " + base + "/actuator/health");
        };
    }
}
