package io.portero;

import io.portero.accounts.entity.Role;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST API under {@code /api}, authenticated with bearer access tokens (MicroProfile JWT
 * tokens, verified by Portero's {@code BearerAuthentication}; decision 0020) whose {@code groups}
 * carry the roles {@code user} and {@code admin}.
 */
@ApplicationPath("api")
@ApplicationScoped
@DeclareRoles({Role.USER_GROUP, Role.ADMIN_GROUP})
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Portero",
                        version = "1",
                        description =
                                "Session gatekeeper: logins with a device limit, inactivity expiry, JWT access tokens and "
                                        + "rotating refresh tokens. Every error is application/problem+json with a stable `code`."))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class RestConfiguration extends Application {}
