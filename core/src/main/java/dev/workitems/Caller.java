package dev.workitems;

import static dev.workitems.Checks.notBlank;

import java.util.Set;

/**
 * Who is calling: an identity id and its roles (for example {@code ORG_ADMIN}). The host authenticates the caller; the
 * library authorises each call with its {@link AuthorizationPolicy}.
 *
 * @param identityId the caller's identity id
 * @param roles the caller's roles, never null
 */
public record Caller(String identityId, Set<String> roles) {

    /** @throws InvalidRequestException if the identity id is blank or a role is null */
    public Caller {
        notBlank(identityId, "caller.identityId");
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    /**
     * @param identityId the caller's identity id
     * @param roles its roles
     * @return the caller
     */
    public static Caller of(String identityId, String... roles) {
        return new Caller(identityId, Set.of(roles));
    }

    /**
     * @param role a role name
     * @return true if the caller has it
     */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
