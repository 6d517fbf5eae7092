package io.portero.platform.database;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema to the current version before anything else touches the database. The schema
 * comes only from the versioned scripts under {@code db/migration} (portable SQL) and
 * {@code db/vendor/<database>} (indexes a database does better its own way); the ORM never
 * generates it. A failed migration stops the deployment.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class Migrations {

    private static final Logger LOG = Logger.getLogger(Migrations.class.getName());

    @Resource(lookup = PorteroDatabase.JNDI_NAME)
    DataSource dataSource;

    private volatile String appliedVersion;

    @PostConstruct
    void migrate() {
        try {
            String vendor = vendorOf(dataSource);
            MigrateResult result = Flyway.configure(Migrations.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                    .validateMigrationNaming(true)
                    .load()
                    .migrate();
            appliedVersion =
                    result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
            LOG.info(() -> "Schema migrated on " + vendor + ": " + result.migrationsExecuted
                    + " migration(s) applied, schema version " + appliedVersion);
        } catch (RuntimeException | SQLException e) {
            LOG.log(
                    Level.SEVERE,
                    "PORTERO DATABASE MIGRATION FAILED - the deployment stops here: " + e.getMessage(),
                    e);
            throw new IllegalStateException("Database migration failed: " + e.getMessage(), e);
        }
    }

    /** The schema version reached at start-up; {@code null} until migrations have run. */
    public String appliedVersion() {
        return appliedVersion;
    }

    /** {@code postgresql} or {@code h2}: the database behind {@code dataSource}. */
    public static String vendorOf(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("postgres")) {
                return "postgresql";
            }
            if (product.contains("h2")) {
                return "h2";
            }
            throw new SQLException(
                    "Unsupported database: " + product + " (Portero runs on PostgreSQL or the embedded H2)");
        }
    }
}
