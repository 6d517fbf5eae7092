package io.portero.alerts.control;

import io.portero.alerts.entity.NewDeviceLoggedIn;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Posts alerts to {@code portero.alerts.webhook-url}, in the background on the server's managed
 * scheduled executor: {@link #send} only queues the first attempt and returns. Each attempt
 * connects and completes within the timeout; a network error, a timeout, 408, 429 or 5xx is
 * retried after the retry delay (doubling), up to the configured attempts; another answer ends the
 * delivery. A delivery that fails for good is logged once, naming the alert, the session, the
 * webhook's host and the last problem, never the secret or the URL's path. At most
 * {@value #MAX_PENDING} alerts wait at once; past that an alert is dropped (and logged).
 */
@ApplicationScoped
public class AlertWebhook {

    private static final Logger LOG = Logger.getLogger("io.portero.alerts");
    static final int MAX_PENDING = 1000;

    @Inject
    @ConfigProperty(name = "portero.alerts.webhook-url")
    Optional<String> url;

    @Inject
    @ConfigProperty(name = "portero.alerts.webhook-secret")
    Optional<String> secret;

    @Inject
    @ConfigProperty(name = "portero.alerts.webhook-timeout", defaultValue = "PT5S")
    Duration timeout;

    @Inject
    @ConfigProperty(name = "portero.alerts.webhook-attempts", defaultValue = "4")
    int attempts;

    @Inject
    @ConfigProperty(name = "portero.alerts.webhook-retry-delay", defaultValue = "PT2S")
    Duration retryDelay;

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    Clock clock;

    private WebhookSettings settings;
    private HttpClient client;
    private final AtomicInteger pending = new AtomicInteger();

    @PostConstruct
    void init() {
        settings = new WebhookSettings(
                WebhookSettings.parseUrl(url.orElse(null)), secret.orElse(null), timeout, attempts, retryDelay);
        if (settings.enabled()) {
            client = HttpClient.newBuilder()
                    .connectTimeout(settings.timeout())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
        }
    }

    /** The settings in words (no secret), for the start-up log. */
    public String describe() {
        if (settings.enabled()) {
            LOG.info(() -> "New-device alerts go to " + settings);
        }
        return settings.toString();
    }

    /** Queues the alert's delivery, if a webhook is configured; returns at once and never throws. */
    public void send(NewDeviceLoggedIn alert) {
        if (!settings.enabled()) {
            return;
        }
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            LOG.warning(() -> "New-device alert " + alert.alertId() + " (session " + alert.sessionId() + ") dropped: "
                    + MAX_PENDING + " alerts are already waiting for " + settings.where());
            return;
        }
        new Delivery(alert, AlertPayload.json(alert)).schedule(1);
    }

    /** One alert on its way: its body, fixed for every attempt, and the attempt being made. */
    private final class Delivery {
        private final NewDeviceLoggedIn alert;
        private final String body;

        Delivery(NewDeviceLoggedIn alert, String body) {
            this.alert = alert;
            this.body = body;
        }

        /** Queues an attempt after its delay; if the executor refuses, the delivery ends here. */
        void schedule(int attempt) {
            try {
                executor.schedule(
                        () -> attempt(attempt), settings.delayBefore(attempt).toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                giveUp(attempt - 1, "the executor refused the task (" + e.getMessage() + ")");
            }
        }

        void attempt(int attempt) {
            String problem;
            boolean retry;
            try {
                int status = post();
                if (status >= 200 && status < 300) {
                    pending.decrementAndGet();
                    if (attempt > 1) {
                        LOG.info(() -> "New-device alert " + alert.alertId() + " delivered at attempt " + attempt);
                    }
                    return;
                }
                problem = "HTTP " + status;
                retry = WebhookSettings.retryable(status);
            } catch (HttpTimeoutException e) {
                problem = "no answer within " + settings.timeout();
                retry = true;
            } catch (IOException e) {
                problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                retry = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                giveUp(attempt, "interrupted (the server is stopping)");
                return;
            } catch (RuntimeException e) {
                problem = e.toString();
                retry = false;
            }
            if (retry && attempt < settings.attempts()) {
                schedule(attempt + 1);
                return;
            }
            giveUp(attempt, problem);
        }

        private int post() throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
                    .timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Portero-Alerts")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (settings.secret() != null) {
                request.header(
                        WebhookSignature.HEADER,
                        WebhookSignature.header(
                                settings.secret(), clock.instant().getEpochSecond(), body));
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        }

        private void giveUp(int attemptsMade, String problem) {
            pending.decrementAndGet();
            LOG.log(
                    Level.WARNING,
                    "New-device alert " + alert.alertId() + " (session " + alert.sessionId() + ") not delivered to "
                            + settings.where() + " after " + attemptsMade + " attempt(s): " + problem);
        }
    }
}
