package io.portero.auth.boundary;

import io.portero.accounts.boundary.Accounts;
import io.portero.accounts.entity.HashingLane;
import io.portero.accounts.entity.InvalidCredentialsException;
import io.portero.accounts.entity.Role;
import io.portero.auth.control.TokenIssuer;
import io.portero.sessions.boundary.Admissions;
import io.portero.sessions.entity.AdmittedSession;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Warms this node's two hot routes before it reports ready (decision 0024): right after start-up
 * the first thousand status polls cost several times what they cost once the JIT compilers have
 * seen them. The node sends itself {@code portero.warm-up.requests} requests over loopback, the
 * status poll and the forward-auth check in turn, for a session that only this node's view holds:
 * a random id and account, never written to the database, forgotten when the warm-up ends. Its
 * token is signed like any other and is refused (401) once the session is forgotten. Until the
 * warm-up has ended (done, skipped, or out of time) {@code /health/ready} reports DOWN.
 *
 * <p>Skipped, with the reason in the probe, when it is turned off, when sessions are checked
 * against the database on every request (there is no view to hold the session), when the view is
 * not trusted in time, or when the address does not answer as this node would (nothing listens,
 * or another server answers).
 */
@ApplicationScoped
public class WarmUp {

    private static final Logger LOG = Logger.getLogger(WarmUp.class.getName());

    /** The name the warm-up's session carries in its token; no account can have it (it holds a space). */
    static final String USERNAME = "portero warm-up";

    static final String STATUS_PATH = "/api/session-status/";
    static final String CHECK_PATH = "/api/auth/check";
    private static final int CONNECTIONS = 4;
    private static final Duration CONNECT_GRACE = Duration.ofSeconds(5);

    /** Password verifications for nobody, so that the first login does not run the hash interpreted. */
    private static final int HASHES = 3;

    /** The compilers count as quiet once they spend less than this of a {@link #QUIET_WINDOW}. */
    private static final Duration QUIET_COMPILING = Duration.ofMillis(50);

    private static final Duration QUIET_WINDOW = Duration.ofMillis(500);

    /** Where the warm-up stands, as the readiness probe reports it. */
    public record Progress(State state, int sent, int failed, String reason) {

        /** Whether the node may report ready as far as the warm-up goes. */
        public boolean ended() {
            return state != State.PENDING && state != State.WARMING;
        }
    }

    public enum State {
        PENDING,
        WARMING,
        DONE,
        SKIPPED
    }

    @Inject
    @ConfigProperty(name = "portero.warm-up.requests", defaultValue = "5000")
    int requests;

    @Inject
    @ConfigProperty(name = "portero.warm-up.url")
    Optional<String> url;

    @Inject
    @ConfigProperty(name = "portero.warm-up.timeout", defaultValue = "PT60S")
    Duration timeout;

    @Inject
    Admissions admissions;

    @Inject
    TokenIssuer issuer;

    @Inject
    Accounts accounts;

    @Inject
    Clock clock;

    @Resource
    ManagedThreadFactory threads;

    private volatile Progress progress = new Progress(State.PENDING, 0, 0, null);
    private volatile boolean stopping;
    private volatile String contextPath = "";

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (requests < 0 || timeout.isNegative()) {
            throw new IllegalArgumentException(
                    "portero.warm-up.requests and portero.warm-up.timeout must not be negative: " + requests + ", "
                            + timeout);
        }
        if (requests == 0) {
            skip("turned off (portero.warm-up.requests=0)");
            return;
        }
        if (!admissions.usesView()) {
            skip("sessions are checked against the database on every request (portero.sessions.check=database)");
            return;
        }
        if (started instanceof ServletContext application) {
            contextPath = application.getContextPath();
        }
        Thread worker = threads.newThread(this::run);
        worker.setName("portero-warm-up");
        worker.setDaemon(true);
        worker.start();
    }

    @PreDestroy
    void stop() {
        stopping = true;
    }

    /** Where the warm-up stands. */
    public Progress progress() {
        return progress;
    }

    /**
     * The node's own address: {@code portero.warm-up.url} if set, else loopback on the port of
     * {@code PORT} (as platforms and Portero's image set it), else 8080, followed by the
     * application's context root ({@code contextPath}: empty at the root).
     */
    static URI baseUrl(Optional<String> configured, String portVariable, String contextPath) {
        String base = configured
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .orElseGet(() -> {
                    String port = portVariable == null || portVariable.isBlank() ? "8080" : portVariable.strip();
                    return "http://127.0.0.1:" + port + (contextPath == null ? "" : contextPath);
                });
        URI uri = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("portero.warm-up.url must be an absolute http(s) URL: " + base);
        }
        return uri;
    }

    private void run() {
        Instant deadline = clock.instant().plus(timeout);
        URI base;
        try {
            base = baseUrl(url, System.getenv("PORT"), contextPath);
        } catch (IllegalArgumentException e) {
            skip(e.getMessage());
            return;
        }
        if (!awaitTrustedView(deadline)) {
            skip("the view of live sessions was not trusted within " + timeout);
            return;
        }
        Instant now = clock.instant();
        AdmittedSession session =
                new AdmittedSession(UUID.randomUUID(), UUID.randomUUID(), USERNAME, Set.of(Role.USER), now, now);
        String token = issuer.issue(session.accountId(), USERNAME, session.roles(), session.id())
                .token();
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        try {
            hold(session);
            String refusal = firstAnswer(client, base, token, session, deadline);
            if (refusal != null) {
                skip(refusal);
                return;
            }
            progress = new Progress(State.WARMING, 1, 0, null);
            long started = System.nanoTime();
            AtomicInteger sent = new AtomicInteger(1);
            AtomicInteger failed = new AtomicInteger();
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                Thread worker = threads.newThread(() -> {
                    int n;
                    while (!stopping && (n = sent.incrementAndGet()) <= requests) {
                        if (clock.instant().isAfter(deadline)) {
                            break;
                        }
                        hold(session);
                        int status = send(client, base, n % 2 == 0 ? STATUS_PATH : CHECK_PATH, token);
                        if (status < 200 || status > 299) {
                            failed.incrementAndGet();
                        }
                        if (n % 250 == 0) {
                            progress = new Progress(State.WARMING, n, failed.get(), null);
                        }
                    }
                });
                worker.setName("portero-warm-up-" + i);
                worker.setDaemon(true);
                workers.add(worker);
                worker.start();
            }
            for (Thread worker : workers) {
                worker.join();
            }
            int done = Math.min(sent.get(), requests);
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            hashForNobody();
            long quietAfter = awaitQuietCompilers(deadline);
            String reason =
                    done < requests || clock.instant().isAfter(deadline) ? "out of time after " + timeout : null;
            progress = new Progress(State.DONE, done, failed.get(), reason);
            LOG.info(() -> "Warm-up: " + done + " requests to " + base + " in " + millis + " ms, " + failed.get()
                    + " answered outside 2xx; compilers quiet " + quietAfter + " ms later"
                    + (reason == null ? "" : " (" + reason + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            skip("interrupted");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Warm-up failed; the node reports ready without it", e);
            skip("failed: " + e.getClass().getSimpleName());
        } finally {
            admissions.view().evict(session.id());
        }
    }

    /**
     * Waits until the node answers its first status poll with the session. Null then; otherwise why
     * the warm-up is skipped: nothing listens at the address (for {@link #CONNECT_GRACE}), or what
     * answers there refuses the token (another server: this node admits it as soon as it routes the
     * request) or never answers as this node would before the deadline (while the node finishes
     * starting, its listener is open but answers errors).
     */
    private String firstAnswer(HttpClient client, URI base, String token, AdmittedSession session, Instant deadline)
            throws InterruptedException {
        Instant connectGiveUp = min(deadline, clock.instant().plus(CONNECT_GRACE));
        String last = null;
        while (true) {
            try {
                HttpResponse<String> answer =
                        client.send(request(base, STATUS_PATH, token), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200
                        && answer.body().contains(session.id().toString())) {
                    return null;
                }
                last = base + STATUS_PATH + " answered " + answer.statusCode() + ", not as this node would";
                if (answer.statusCode() == 401 || answer.statusCode() == 403) {
                    return last + " (another server?)";
                }
            } catch (ConnectException notListening) {
                if (last == null && clock.instant().isAfter(connectGiveUp)) {
                    return "nothing answered at " + base + " (set portero.warm-up.url to this node's address)";
                }
            } catch (IOException e) {
                last = "no answer from " + base + ": " + e.getClass().getSimpleName();
            }
            if (stopping || clock.instant().isAfter(deadline)) {
                return last == null ? "stopped" : last;
            }
            Thread.sleep(200);
            hold(session);
        }
    }

    /**
     * Verifies a random password against no account a few times, as a login with an unknown
     * username does (no audit, no database), so that the compilers have seen the hash before the
     * first login.
     */
    private void hashForNobody() {
        for (int i = 0; i < HASHES && !stopping; i++) {
            try {
                accounts.authenticate(Optional.empty(), UUID.randomUUID().toString(), HashingLane.GENERAL);
            } catch (InvalidCredentialsException expected) {
                // what a password for nobody gets
            }
        }
    }

    /**
     * Waits, at most until {@code deadline}, until the JIT compilers have finished what the warm-up
     * gave them: less than {@link #QUIET_COMPILING} of compiling in a {@link #QUIET_WINDOW}. Until
     * then the first requests would share the processors with them. Returns how long it waited.
     */
    private long awaitQuietCompilers(Instant deadline) throws InterruptedException {
        CompilationMXBean compilers = ManagementFactory.getCompilationMXBean();
        long started = System.nanoTime();
        if (compilers == null || !compilers.isCompilationTimeMonitoringSupported()) {
            return 0;
        }
        long before = compilers.getTotalCompilationTime();
        while (!stopping && clock.instant().isBefore(deadline)) {
            Thread.sleep(QUIET_WINDOW.toMillis());
            long now = compilers.getTotalCompilationTime();
            if (now - before < QUIET_COMPILING.toMillis()) {
                break;
            }
            before = now;
        }
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    /** Waits until the view is trusted (its listener connected), at most until {@code deadline}. */
    private boolean awaitTrustedView(Instant deadline) {
        while (!admissions.view().isTrusted()) {
            if (stopping || clock.instant().isAfter(deadline)) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** Keeps the warm-up's session in the view with fresh activity, so that no request writes any. */
    private void hold(AdmittedSession session) {
        admissions
                .view()
                .put(session.touchedAt(clock.instant()), admissions.view().stamp());
    }

    private static int send(HttpClient client, URI base, String path, String token) {
        try {
            return client.send(request(base, path, token), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static HttpRequest request(URI base, String path, String token) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
    }

    private void skip(String reason) {
        progress = new Progress(State.SKIPPED, progress.sent(), progress.failed(), reason);
        LOG.info(() -> "Warm-up skipped: " + reason);
    }
}
