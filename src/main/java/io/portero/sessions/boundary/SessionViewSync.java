package io.portero.sessions.boundary;

import io.portero.accounts.entity.AccountChanged;
import io.portero.platform.database.DatabaseSettings;
import io.portero.sessions.control.LiveSessionCache;
import io.portero.sessions.control.ViewNotifications;
import io.portero.sessions.entity.SessionEnded;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Keeps this node's view of live sessions true. Ends of sessions and account changes made on this
 * node are forgotten at once, in the ending transaction and again after it commits (so a request
 * reading the database meanwhile cannot put the ended session back). Those made on any node reach
 * every node through PostgreSQL: triggers on {@code user_session} and {@code account} notify, and
 * this node listens on a connection of its own (not one of the pool's), on a managed thread. While
 * that connection is down the view is not trusted and every request goes to the database; after
 * reconnecting (with backoff) and listening again, the view starts empty. A connection that dies
 * silently is caught by a query every second: the view is trusted for three seconds after the
 * last one answered (everything notified before it has been applied by then).
 */
@ApplicationScoped
public class SessionViewSync {

    private static final Logger LOG = Logger.getLogger(SessionViewSync.class.getName());
    private static final int POLL_MILLIS = 250;
    private static final long KEEPALIVE_NANOS = Duration.ofSeconds(1).toNanos();
    /** How long the view stays trusted after the listening connection last answered a query. */
    private static final Duration LEASE = Duration.ofSeconds(3);

    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LAST_RETRY = Duration.ofSeconds(5);

    @Inject
    Admissions admissions;

    @Resource
    ManagedThreadFactory threads;

    private volatile boolean running;
    private volatile Connection connection;
    private Thread listener;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (!admissions.usesView()) {
            LOG.info("Sessions are checked against the database on every request (portero.sessions.check=database)");
            return;
        }
        running = true;
        listener = threads.newThread(this::listen);
        listener.setName("portero-session-view");
        listener.setDaemon(true);
        listener.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        admissions.view().distrust();
        Connection open = connection;
        if (open != null) {
            try {
                open.close();
            } catch (SQLException ignored) {
                // closing on the way out
            }
        }
        if (listener != null) {
            listener.interrupt();
        }
    }

    void sessionEnded(@Observes SessionEnded ended) {
        forget(ended);
    }

    void sessionEndCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) SessionEnded ended) {
        forget(ended);
    }

    void accountChanged(@Observes AccountChanged changed) {
        admissions.view().evictAccount(changed.accountId());
    }

    void accountChangeCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountChanged changed) {
        admissions.view().evictAccount(changed.accountId());
    }

    private void forget(SessionEnded ended) {
        ViewNotifications.forget(admissions.view(), ended);
    }

    private void listen() {
        Duration retry = FIRST_RETRY;
        while (running) {
            LiveSessionCache view = admissions.view();
            try (Connection open = connect()) {
                connection = open;
                try (Statement statement = open.createStatement()) {
                    for (String channel : ViewNotifications.CHANNELS) {
                        statement.execute("LISTEN " + channel);
                    }
                }
                PGConnection notifications = open.unwrap(PGConnection.class);
                view.trust(LEASE);
                retry = FIRST_RETRY;
                LOG.info("Session view: listening for ends of sessions; the view is trusted");
                long checked = System.nanoTime();
                while (running) {
                    apply(view, notifications.getNotifications(POLL_MILLIS));
                    if (System.nanoTime() - checked > KEEPALIVE_NANOS) {
                        try (Statement statement = open.createStatement()) {
                            statement.execute("SELECT 1");
                        }
                        checked = System.nanoTime();
                        apply(view, notifications.getNotifications());
                        view.renew(LEASE);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                view.distrust();
                if (running) {
                    LOG.log(
                            Level.WARNING,
                            "Session view: the listener connection is down, every request goes to the database; retrying in "
                                    + retry.toMillis() + " ms: " + e);
                }
            } finally {
                connection = null;
                view.distrust();
            }
            if (running) {
                try {
                    Thread.sleep(retry.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
            }
        }
    }

    private static void apply(LiveSessionCache view, PGNotification[] received) {
        if (received != null) {
            for (PGNotification notification : received) {
                ViewNotifications.apply(view, notification.getName(), notification.getParameter());
            }
        }
    }

    private static Connection connect() throws SQLException {
        DatabaseSettings settings = DatabaseSettings.resolve(System.getenv());
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(settings.jdbcUrl());
        if (settings.user() != null) {
            source.setUser(settings.user());
        }
        if (settings.password() != null) {
            source.setPassword(settings.password());
        }
        source.setApplicationName("portero-session-view");
        source.setTcpKeepAlive(true);
        source.setSocketTimeout(3);
        source.setConnectTimeout(5);
        return source.getConnection();
    }
}
