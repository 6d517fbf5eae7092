package io.portero.health;

import io.portero.platform.database.Migrations;
import io.portero.platform.database.PorteroDatabase;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the database answers within two seconds and the schema migrations have been
 * applied. It goes DOWN while the database is unreachable and UP again when it returns.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Resource(lookup = PorteroDatabase.JNDI_NAME)
    DataSource dataSource;

    @Inject
    Migrations migrations;

    /**
     * Created as the application starts, where its data source can be looked up: WildFly runs the
     * checks on a management thread, which cannot resolve the application's {@code java:app} names.
     */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // creating the bean is the point
    }

    @Override
    public HealthCheckResponse call() {
        String version = migrations.appliedVersion();
        var response =
                HealthCheckResponse.named("database").withData("schema_version", version == null ? "none" : version);
        if (version == null) {
            return response.down().withData("reason", "migrations not applied").build();
        }
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(2)) {
                return response.down()
                        .withData("reason", "connection not valid")
                        .build();
            }
            return response.up().build();
        } catch (SQLException e) {
            return response.down()
                    .withData("reason", "unreachable: " + e.getClass().getSimpleName())
                    .build();
        }
    }
}
