package dev.workitems.spring.boot;

import dev.workitems.http.WorkItemsApi;
import dev.workitems.spi.IdGenerator;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * For applications that secure the API with Spring Security: the API's paths, for a {@code SecurityFilterChain} of its
 * own, and an entry point that answers an unauthenticated request with the contract's 401 body (D17) instead of
 * Spring's.
 *
 * <pre>{@code
 * @Bean
 * SecurityFilterChain workItemsApiSecurity(HttpSecurity http, WorkItemsApi api) throws Exception {
 *     return http.securityMatcher(WorkItemsSecurity.paths(api))
 *             .authorizeHttpRequests(a -> a.anyRequest().authenticated())
 *             .oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults())
 *                     .authenticationEntryPoint(WorkItemsSecurity.entryPoint()))
 *             .exceptionHandling(e -> e.authenticationEntryPoint(WorkItemsSecurity.entryPoint()))
 *             .csrf(c -> c.disable())
 *             .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
 *             .build();
 * }
 * }</pre>
 */
public final class WorkItemsSecurity {
    private static final IdGenerator TRACKING = IdGenerator.randomUuid();
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private WorkItemsSecurity() {}

    /**
     * @param api the API
     * @return its paths as Spring path patterns: the V2024 base path, the v1 layout and the library's own routes
     */
    public static String[] paths(WorkItemsApi api) {
        Set<String> paths = new LinkedHashSet<>();
        for (WorkItemsApi.Route r : api.routes()) {
            if (r.path().endsWith("/*")) {
                String prefix = r.path().substring(0, r.path().length() - 2);
                paths.add(prefix);
                paths.add(prefix + "/**");
            }
        }
        return paths.toArray(String[]::new);
    }

    /** @return an entry point answering 401 {@code {"error":"JWT validation failed: <reason>"}} with a tracking id */
    public static AuthenticationEntryPoint entryPoint() {
        return (request, response, failure) -> {
            String reason = failure == null || failure.getMessage() == null ? "" : failure.getMessage();
            if (reason.contains("expired")) {
                reason = "JWT is expired"; // D17: exactly this for an expired token
            } else if (request.getHeader("Authorization") == null) {
                reason = "no bearer token in the Authorization header";
            }
            byte[] body = JSON.writeValueAsBytes(java.util.Map.of("error", "JWT validation failed: " + reason));
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("SLPT-Request-ID", TRACKING.newId());
            response.setContentType("application/json;charset=UTF-8");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        };
    }
}
