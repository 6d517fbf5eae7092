package io.portero.accounts.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How user imports read a Django export: {@code portero.import.admin-from} (which Django flags make
 * an administrator), {@code portero.import.user-model} (the model label of the rows) and
 * {@code portero.import.time-zone} (the zone of datetimes exported without one, as Django writes
 * them with {@code USE_TZ = False}). The body size limit, {@code portero.import.max-body}, is the
 * HTTP layer's. A value that does not read fails the import that needs it, naming the key.
 */
@ApplicationScoped
public class ImportSettings {

    @Inject
    @ConfigProperty(name = "portero.import.admin-from", defaultValue = "superuser")
    String adminFrom;

    @Inject
    @ConfigProperty(name = "portero.import.user-model", defaultValue = "auth.user")
    String userModel;

    @Inject
    @ConfigProperty(name = "portero.import.time-zone", defaultValue = "UTC")
    String timeZone;

    /** The mapping of one import, which started at {@code now}. */
    public DjangoUserMapping mapping(Instant now) {
        ZoneId zone;
        try {
            zone = ZoneId.of(timeZone.trim());
        } catch (DateTimeException e) {
            throw new IllegalStateException("portero.import.time-zone is not a time zone: " + timeZone, e);
        }
        if (userModel.isBlank()) {
            throw new IllegalStateException("portero.import.user-model must name a model, e.g. auth.user");
        }
        return new DjangoUserMapping(userModel, DjangoUserMapping.AdminFrom.parse(adminFrom), zone, now);
    }
}
