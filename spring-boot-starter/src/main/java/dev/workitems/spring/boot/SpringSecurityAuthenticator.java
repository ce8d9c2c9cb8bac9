package dev.workitems.spring.boot;

import dev.workitems.Caller;
import dev.workitems.http.AuthenticationException;
import dev.workitems.http.Authenticator;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.ClassUtils;

/**
 * The caller as Spring Security authenticated it for this request: from a JWT principal, its identity and roles claims
 * ({@code workitems.http.jwt.identity-claim}, {@code roles-claim}); from any other principal, its name and authorities.
 * Without an authenticated principal, the library's own JWT check decides when it is configured, else the request is
 * the contract's 401.
 */
final class SpringSecurityAuthenticator implements Authenticator {
    private static final boolean JWT_PRINCIPALS = ClassUtils.isPresent(
            "org.springframework.security.oauth2.jwt.Jwt", SpringSecurityAuthenticator.class.getClassLoader());

    private final Authenticator fallback;
    private final String identityClaim;
    private final String rolesClaim;

    /**
     * @param fallback the library's JWT check for requests Spring Security did not authenticate, or null
     * @param identityClaim the JWT claim holding the identity id
     * @param rolesClaim the JWT claim holding the roles
     */
    SpringSecurityAuthenticator(Authenticator fallback, String identityClaim, String rolesClaim) {
        this.fallback = fallback;
        this.identityClaim = identityClaim;
        this.rolesClaim = rolesClaim;
    }

    @Override
    public Caller authenticate(String authorizationHeader) {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a != null && a.isAuthenticated() && !(a instanceof AnonymousAuthenticationToken)) {
            if (JWT_PRINCIPALS && JwtPrincipal.is(a.getPrincipal())) {
                return JwtPrincipal.caller(a.getPrincipal(), identityClaim, rolesClaim, a.getAuthorities());
            }
            return new Caller(a.getName(), names(a.getAuthorities()));
        }
        if (fallback != null) {
            return fallback.authenticate(authorizationHeader);
        }
        throw new AuthenticationException(
                authorizationHeader == null
                        ? "no bearer token in the Authorization header"
                        : "the request was not authenticated");
    }

    static Set<String> names(Collection<? extends GrantedAuthority> authorities) {
        Set<String> roles = new LinkedHashSet<>();
        for (GrantedAuthority g : authorities) {
            if (g.getAuthority() != null) {
                roles.add(g.getAuthority());
            }
        }
        return roles;
    }

    /** Reads a Spring Security JWT principal; loaded only when spring-security-oauth2-jose is present. */
    private static final class JwtPrincipal {
        static boolean is(Object principal) {
            return principal instanceof org.springframework.security.oauth2.jwt.Jwt;
        }

        static Caller caller(
                Object principal,
                String identityClaim,
                String rolesClaim,
                Collection<? extends GrantedAuthority> authorities) {
            org.springframework.security.oauth2.jwt.Jwt jwt = (org.springframework.security.oauth2.jwt.Jwt) principal;
            String id = jwt.getClaimAsString(identityClaim);
            if (id == null || id.isBlank()) {
                throw new AuthenticationException("JWT has no " + identityClaim + " claim");
            }
            Object claim = jwt.getClaims().get(rolesClaim);
            Set<String> roles = new LinkedHashSet<>();
            if (claim instanceof Collection<?> list) {
                list.forEach(r -> roles.add(String.valueOf(r)));
            } else if (claim instanceof String s && !s.isBlank()) {
                roles.addAll(Arrays.asList(s.trim().split("[\\s,]+")));
            } else {
                roles.addAll(names(authorities));
            }
            return new Caller(id, roles);
        }
    }
}
