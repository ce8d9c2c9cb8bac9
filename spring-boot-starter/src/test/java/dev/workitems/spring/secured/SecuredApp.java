package dev.workitems.spring.secured;

import dev.workitems.http.WorkItemsApi;
import dev.workitems.spi.IdentityDirectory;
import dev.workitems.spi.InMemoryIdentityDirectory;
import dev.workitems.spring.boot.WorkItemsSecurity;
import dev.workitems.testkit.Fixture;
import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A host that secures everything with Spring Security's OAuth2 resource server (JWTs signed with its key): the API's
 * chain as the README shows it, and the host's own chain for the rest.
 */
@SpringBootApplication
public class SecuredApp {
    public static final String KEY = "a-spring-security-test-key-of-at-least-32-bytes";

    @Bean
    IdentityDirectory identities() {
        return new InMemoryIdentityDirectory()
                .put(Fixture.FRED, "Fred.Astaire")
                .put(Fixture.GINGER, "Ginger.Rogers")
                .put(Fixture.ADA, "Ada.Admin");
    }

    @Bean
    JwtDecoder jwtDecoder() {
        return NimbusJwtDecoder.withSecretKey(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain workItemsApiSecurity(HttpSecurity http, WorkItemsApi api) throws Exception {
        return http.securityMatcher(WorkItemsSecurity.paths(api))
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .oauth2ResourceServer(
                        o -> o.jwt(Customizer.withDefaults()).authenticationEntryPoint(WorkItemsSecurity.entryPoint()))
                .exceptionHandling(e -> e.authenticationEntryPoint(WorkItemsSecurity.entryPoint()))
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain hostSecurity(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults()))
                .build();
    }

    /** The host's own endpoint. */
    @RestController
    static class Hello {
        @GetMapping("/host/hello")
        String hello() {
            return "hello";
        }
    }
}
