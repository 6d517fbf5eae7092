package io.portero.platform.database;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A physical connection, as {@link PorteroDataSource} hands it to the server's pool, that replaces
 * itself after the database was lost. The pool of a {@code @DataSourceDefinition} on WildFly
 * neither validates connections nor recognises fatal errors, so without this a connection broken by
 * a database outage stays in the pool for good.
 *
 * <p>The rule: a call that fails with a connection error ({@link #isConnectionFailure}) marks the
 * connection broken and tells every other connection of the same data source (the shared
 * {@code outages} counter) to check itself. At the next safe point, when no transaction is under
 * way on it ({@link #mayReplace}), a broken connection is closed and a fresh one opened in its
 * place, with the same auto-commit, isolation and read-only settings; a connection told to check
 * itself asks {@link Connection#isValid} first. While the database is still away, opening the
 * fresh one fails and that failure (SQLState 08) is the call's answer. Inside a transaction
 * nothing is replaced: the transaction fails as it would, and healing waits for its end. Settings
 * given to a broken connection (auto-commit, isolation, read-only) are kept for the fresh one
 * without opening it, so that the pool's clean-up between uses neither fails nor waits.
 */
final class SelfHealingConnection implements InvocationHandler {

    private static final Logger LOG = Logger.getLogger(SelfHealingConnection.class.getName());

    /** Seconds {@link Connection#isValid} may take when a connection checks itself. */
    static final int VALIDATION_TIMEOUT_SECONDS = 2;

    /** Calls that neither start nor belong to a unit of work on the database. */
    private static final Set<String> NOT_WORK = Set.of(
            "getAutoCommit",
            "setAutoCommit",
            "commit",
            "rollback",
            "getTransactionIsolation",
            "setTransactionIsolation",
            "isReadOnly",
            "setReadOnly",
            "getWarnings",
            "clearWarnings",
            "getHoldability",
            "setHoldability",
            "getNetworkTimeout",
            "setNetworkTimeout",
            "getClientInfo",
            "setClientInfo",
            "getTypeMap",
            "nativeSQL",
            "isValid",
            "isWrapperFor",
            "unwrap");

    /**
     * Settings the pool applies between uses (IronJacamar resets auto-commit as it takes a
     * connection back): on a broken connection they are only remembered.
     */
    private static final Set<String> SETTINGS = Set.of("setAutoCommit", "setTransactionIsolation", "setReadOnly");

    private final DataSource source;
    private final AtomicLong outages;
    private Connection physical;
    private long outagesSeen;
    private boolean broken;
    private boolean closed;
    private boolean autoCommit;
    private boolean workInProgress;
    private Integer isolation;
    private Boolean readOnly;

    private SelfHealingConnection(DataSource source, AtomicLong outages, Connection physical) throws SQLException {
        this.source = source;
        this.outages = outages;
        this.physical = physical;
        this.outagesSeen = outages.get();
        this.autoCommit = physical.getAutoCommit();
    }

    /** A fresh physical connection from {@code source}, wrapped to heal itself. */
    static Connection open(DataSource source, AtomicLong outages) throws SQLException {
        Connection physical = source.getConnection();
        try {
            return (Connection) Proxy.newProxyInstance(
                    SelfHealingConnection.class.getClassLoader(),
                    new Class<?>[] {Connection.class},
                    new SelfHealingConnection(source, outages, physical));
        } catch (SQLException | RuntimeException e) {
            closeQuietly(physical);
            throw e;
        }
    }

    /**
     * Whether an exception says the connection itself is lost rather than the statement wrong:
     * SQLState class 08 (connection exception), 57P01-57P03 (PostgreSQL shut down or restarting,
     * cannot connect now), or the JDBC connection exception types, anywhere in the cause or
     * next-exception chain.
     */
    static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    String state = next.getSQLState();
                    if (state != null
                            && (state.startsWith("08")
                                    || state.equals("57P01")
                                    || state.equals("57P02")
                                    || state.equals("57P03"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Whether the physical connection may be swapped now: with auto-commit on every statement is
     * its own transaction, and with it off only between transactions (after commit or rollback,
     * before the next statement).
     */
    static boolean mayReplace(boolean autoCommit, boolean workInProgress) {
        return autoCommit || !workInProgress;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        switch (name) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "SelfHealingConnection[" + physical + "]";
            case "isClosed":
                return closed;
            case "close":
                closed = true;
                if (broken) {
                    closeQuietly(physical);
                } else {
                    physical.close();
                }
                return null;
            case "abort":
                closed = true;
                break;
            case "isValid":
                return isValid((Integer) args[0]);
            default:
                break;
        }
        if (broken && SETTINGS.contains(name)) {
            // kept for the fresh connection; opening it waits for the next statement
            remember(name, args);
            return null;
        }
        if (broken && name.equals("getAutoCommit")) {
            return autoCommit;
        }
        if (!closed && mayReplace(autoCommit, workInProgress)) {
            healIfNeeded();
        }
        try {
            Object result = method.invoke(physical, args);
            remember(name, args);
            return result;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (name.equals("commit") || (name.equals("rollback") && (args == null || args.length == 0))) {
                // the transaction is over either way
                workInProgress = false;
            }
            if (isConnectionFailure(cause)) {
                markBroken(cause);
            }
            throw cause;
        }
    }

    private void remember(String name, Object[] args) {
        switch (name) {
            case "setAutoCommit" -> {
                autoCommit = (Boolean) args[0];
                workInProgress = false;
            }
            case "commit" -> workInProgress = false;
            case "rollback" -> workInProgress = args != null && args.length > 0 && workInProgress;
            case "setTransactionIsolation" -> isolation = (Integer) args[0];
            case "setReadOnly" -> readOnly = (Boolean) args[0];
            default -> {
                if (!autoCommit && !NOT_WORK.contains(name)) {
                    workInProgress = true;
                }
            }
        }
    }

    private boolean isValid(int timeout) throws SQLException {
        if (closed) {
            return false;
        }
        if (!mayReplace(autoCommit, workInProgress)) {
            return physical.isValid(timeout);
        }
        if (!broken && physical.isValid(timeout)) {
            outagesSeen = outages.get();
            return true;
        }
        markBroken(null);
        try {
            replace();
        } catch (SQLException stillAway) {
            return false;
        }
        return physical.isValid(timeout);
    }

    private void healIfNeeded() throws SQLException {
        if (!broken && outagesSeen != outages.get()) {
            // another connection lost the database: check this one before using it
            outagesSeen = outages.get();
            if (!physical.isValid(VALIDATION_TIMEOUT_SECONDS)) {
                broken = true;
            }
        }
        if (broken) {
            replace();
        }
    }

    private void markBroken(Throwable cause) {
        if (!broken) {
            broken = true;
            outages.incrementAndGet();
            LOG.log(Level.FINE, "Database connection lost; it will be replaced at the end of its transaction", cause);
        }
    }

    private void replace() throws SQLException {
        Connection fresh = source.getConnection();
        try {
            if (fresh.getAutoCommit() != autoCommit) {
                fresh.setAutoCommit(autoCommit);
            }
            if (isolation != null) {
                fresh.setTransactionIsolation(isolation);
            }
            if (readOnly != null) {
                fresh.setReadOnly(readOnly);
            }
        } catch (SQLException | RuntimeException e) {
            closeQuietly(fresh);
            throw e;
        }
        Connection old = physical;
        physical = fresh;
        broken = false;
        workInProgress = false;
        outagesSeen = outages.get();
        closeQuietly(old);
        LOG.info("Replaced a database connection lost during an outage");
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException ignored) {
            // it was broken already
        }
    }
}
