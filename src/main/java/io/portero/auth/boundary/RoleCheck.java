package io.portero.auth.boundary;

import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Enforces {@code @RolesAllowed}, {@code @DenyAll} and {@code @PermitAll} on the API's resource
 * methods (the method's annotation first, then its class's), the same way on every server: no
 * caller is 401, a caller in none of the roles 403. It runs at {@link Priorities#AUTHORIZATION},
 * after the session check ({@code SessionActivityFilter}), so an ended session is refused for what
 * it is before any role is looked at. Decision 0020: the servers' own JAX-RS role filters are off
 * (Payara's asked the container's identity, which {@link BearerAuthentication} does not set).
 */
@Provider
public class RoleCheck implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        List<String> roles = requiredRoles(resource.getResourceMethod(), resource.getResourceClass());
        if (roles != null) {
            context.register(new Check(roles), Priorities.AUTHORIZATION);
        }
    }

    /** The roles of which the caller needs one (empty: nobody may call), or null: anyone may. */
    static List<String> requiredRoles(Method method, Class<?> type) {
        if (method != null) {
            if (method.isAnnotationPresent(DenyAll.class)) {
                return List.of();
            }
            if (method.isAnnotationPresent(PermitAll.class)) {
                return null;
            }
            RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
            if (roles != null) {
                return List.of(roles.value());
            }
        }
        if (type == null || type.isAnnotationPresent(PermitAll.class)) {
            return null;
        }
        if (type.isAnnotationPresent(DenyAll.class)) {
            return List.of();
        }
        RolesAllowed roles = type.getAnnotation(RolesAllowed.class);
        return roles == null ? null : List.of(roles.value());
    }

    @Priority(Priorities.AUTHORIZATION)
    static final class Check implements ContainerRequestFilter {

        private final List<String> roles;

        Check(List<String> roles) {
            this.roles = roles;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            SecurityContext caller = request.getSecurityContext();
            if (caller.getUserPrincipal() == null) {
                throw new NotAuthorizedException("Bearer");
            }
            for (String role : roles) {
                if (caller.isUserInRole(role)) {
                    return;
                }
            }
            throw new ForbiddenException();
        }
    }
}
