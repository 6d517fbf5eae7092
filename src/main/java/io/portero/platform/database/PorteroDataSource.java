package io.portero.platform.database;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The data source behind Portero's connection pool. It decides at first use which database to
 * talk to, from the environment ({@link DatabaseSettings#resolve}): {@code DB_URL} and friends,
 * a platform-style {@code DATABASE_URL}, or the embedded H2 default. Doing this in one small class
 * keeps the pool definition ({@link PorteroDatabase}) free of server-specific placeholder syntax.
 * Each connection it hands to the server's pool is a {@link SelfHealingConnection}, because
 * WildFly's pool for this definition never drops a connection broken by a database outage.
 */
public class PorteroDataSource implements DataSource {

    private static final Logger LOG = Logger.getLogger(PorteroDataSource.class.getName());

    private volatile DataSource delegate;
    /** Connection failures seen by this data source's connections; see {@link SelfHealingConnection}. */
    private final AtomicLong outages = new AtomicLong();

    private PrintWriter logWriter;
    private int loginTimeout;
    private String description;

    private DataSource delegate() throws SQLException {
        DataSource current = delegate;
        if (current == null) {
            synchronized (this) {
                current = delegate;
                if (current == null) {
                    current = create(DatabaseSettings.resolve(System.getenv()));
                    delegate = current;
                }
            }
        }
        return current;
    }

    static DataSource create(DatabaseSettings settings) throws SQLException {
        try {
            Class<?> type = Class.forName(settings.dataSourceClass(), true, PorteroDataSource.class.getClassLoader());
            Object source = type.getDeclaredConstructor().newInstance();
            invoke(source, settings.jdbcUrl(), "setUrl", "setURL");
            if (settings.user() != null) {
                invoke(source, settings.user(), "setUser");
            }
            if (settings.password() != null) {
                invoke(source, settings.password(), "setPassword");
            }
            LOG.info(() -> "Database: " + settings.describe());
            return (DataSource) source;
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new SQLException("Cannot create data source " + settings.dataSourceClass() + ": " + e, e);
        }
    }

    private static void invoke(Object target, String value, String... setterNames) throws ReflectiveOperationException {
        for (String name : setterNames) {
            try {
                Method setter = target.getClass().getMethod(name, String.class);
                setter.invoke(target, value);
                return;
            } catch (NoSuchMethodException tryNext) {
                // the next spelling of the setter
            }
        }
        throw new NoSuchMethodException(target.getClass().getName() + "." + setterNames[0]);
    }

    /** The standard JDBC {@code description} property, given by {@link PorteroDatabase}; informational only. */
    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    /** A physical connection for the server's pool, one that replaces itself after an outage. */
    @Override
    public Connection getConnection() throws SQLException {
        return SelfHealingConnection.open(delegate(), outages);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return delegate().unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate().isWrapperFor(iface);
    }
}
