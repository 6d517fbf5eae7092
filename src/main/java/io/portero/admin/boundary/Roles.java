package io.portero.admin.boundary;

import io.portero.accounts.entity.Role;
import io.portero.platform.problem.InvalidInputException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Reads role names from a request: {@code user} and {@code admin}; anything else is refused. */
final class Roles {

    private Roles() {}

    static Set<Role> parse(List<?> names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object name : names) {
            Role role = name instanceof String text ? Role.ofGroup(text) : null;
            if (role == null) {
                throw new InvalidInputException("roles", "unknown_role");
            }
            roles.add(role);
        }
        return roles;
    }

    /** The roles as their API names, comma-separated in a stable order: {@code "admin,user"}. */
    static String names(Set<Role> roles) {
        return String.join(",", roles.stream().map(Role::group).sorted().toList());
    }
}
