package io.portero.accounts.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * On start-up, creates an administrator from {@code PORTERO_ADMIN_USERNAME} /
 * {@code PORTERO_ADMIN_PASSWORD} when the database has none. It logs that it did, never the password.
 */
@Singleton
@Startup
@DependsOn("Migrations")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());

    @Inject
    Accounts accounts;

    @Inject
    @ConfigProperty(name = "portero.admin.username", defaultValue = "admin")
    String username;

    @Inject
    @ConfigProperty(name = "portero.admin.password")
    Optional<String> password;

    /** A singleton's start-up callback runs in a transaction unless told otherwise on the method itself. */
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void bootstrap() {
        if (password.filter(p -> !p.isBlank()).isEmpty()) {
            LOG.info("No PORTERO_ADMIN_PASSWORD set: no administrator is created at start-up");
            return;
        }
        if (accounts.bootstrapAdmin(username.trim(), password.get())) {
            LOG.info(() -> "Created the administrator account '" + username.trim()
                    + "' from PORTERO_ADMIN_USERNAME/PORTERO_ADMIN_PASSWORD");
        }
    }
}
