package io.portero.platform.database;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Declares Portero's connection pool. Which database it reaches is decided by
 * {@link PorteroDataSource} from the environment, so the same WAR runs on the embedded default,
 * on {@code DB_URL} or on a platform's {@code DATABASE_URL}.
 */
@DataSourceDefinition(
        name = PorteroDatabase.JNDI_NAME,
        className = "io.portero.platform.database.PorteroDataSource",
        minPoolSize = 2,
        maxPoolSize = 20,
        initialPoolSize = 2,
        maxIdleTime = 300,
        properties = {
            // A standard JDBC DataSource property: WildFly refuses a DataSource class given none.
            "description=Portero",
            // Payara's pool: validate connections and drop them all after a database outage. Other
            // servers ignore these (WildFly logs WFLYJCA0016 once per property at deployment); there
            // the connections heal themselves (SelfHealingConnection).
            "fish.payara.is-connection-validation-required=true",
            "fish.payara.connection-validation-method=auto-commit",
            "fish.payara.fail-all-connections=true"
        })
@ApplicationScoped
public class PorteroDatabase {

    public static final String JNDI_NAME = "java:app/jdbc/portero";
}
