package dev.workitems;

import java.util.Set;

/**
 * Decides who may do what (D5). One object, pluggable: give the service your own to change the rules. Implementations
 * must be thread-safe and must not have side effects.
 */
public interface AuthorizationPolicy {

    /**
     * May the caller read the lists, counts or summary of this owner?
     *
     * @param caller who asks
     * @param ownerId whose items (already defaulted to the caller when absent)
     * @param operation which owner query
     * @return true to allow
     */
    boolean mayQueryOwner(Caller caller, String ownerId, Operation operation);

    /**
     * May the caller perform this operation on this item (read it, act on it)?
     *
     * @param caller who asks
     * @param item the item as currently stored
     * @param operation what is asked
     * @return true to allow
     */
    boolean mayAccess(Caller caller, WorkItem item, Operation operation);

    /**
     * May the caller read or change an identity's reassignment rules, or the tenant's switch (R5)?
     *
     * @param caller who asks
     * @param identityId whose rules; null for the tenant-wide switch
     * @param operation which reassignment operation
     * @return true to allow (default: the identity itself or whoever may query that identity's items as an owner; the
     *     tenant switch: nobody, unless the policy says otherwise, as {@link #standard()} does for its admins)
     */
    default boolean mayManageReassignments(Caller caller, String identityId, Operation operation) {
        return identityId != null && mayQueryOwner(caller, identityId, operation);
    }

    /** The roles that may act on anyone's items by default. */
    Set<String> DEFAULT_ADMIN_ROLES = Set.of("ORG_ADMIN");

    /** The extra roles that may forward anyone's item by default (the v3 text of the forward operation). */
    Set<String> DEFAULT_FORWARD_ROLES =
            Set.of("REPORT_ADMIN", "ROLE_ADMIN", "ROLE_SUBADMIN", "SOURCE_ADMIN", "SOURCE_SUBADMIN");

    /**
     * @return the contract's policy: owners act on their own items; ORG_ADMIN on all; forward also for the forward
     *     roles
     */
    static AuthorizationPolicy standard() {
        return of(DEFAULT_ADMIN_ROLES, DEFAULT_FORWARD_ROLES);
    }

    /**
     * @param adminRoles roles that may read and act on anyone's items
     * @param forwardRoles further roles that may forward anyone's items
     * @return the D5 policy with those role sets
     */
    static AuthorizationPolicy of(Set<String> adminRoles, Set<String> forwardRoles) {
        Set<String> admins = Set.copyOf(adminRoles);
        Set<String> forwarders = Set.copyOf(forwardRoles);
        return new AuthorizationPolicy() {
            private boolean isAdmin(Caller caller) {
                for (String role : caller.roles()) {
                    if (admins.contains(role)) {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public boolean mayQueryOwner(Caller caller, String ownerId, Operation operation) {
                return caller.identityId().equals(ownerId) || isAdmin(caller);
            }

            @Override
            public boolean mayManageReassignments(Caller caller, String identityId, Operation operation) {
                return identityId == null
                        ? isAdmin(caller)
                        : caller.identityId().equals(identityId) || isAdmin(caller);
            }

            @Override
            public boolean mayAccess(Caller caller, WorkItem item, Operation operation) {
                if (caller.identityId().equals(item.ownerId()) || isAdmin(caller)) {
                    return true;
                }
                if (operation == Operation.FORWARD) {
                    for (String role : caller.roles()) {
                        if (forwarders.contains(role)) {
                            return true;
                        }
                    }
                }
                return false;
            }

            @Override
            public String toString() {
                return "AuthorizationPolicy[admins=" + admins + ", forwarders=" + forwarders + "]";
            }
        };
    }
}
