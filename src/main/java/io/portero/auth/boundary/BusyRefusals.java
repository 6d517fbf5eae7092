package io.portero.auth.boundary;

import io.portero.accounts.entity.HashingCapacityExceededException;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a login that the hashing capacity refused (503 {@code service_busy}) only after
 * {@code portero.passwords.busy-pause}, without holding an HTTP worker thread meanwhile: the
 * resource answers with a stage that a scheduler completes. A flood whose clients send their next
 * attempt as soon as an answer arrives then costs one cheap refusal per client and pause instead of
 * hundreds a second, and its waiting requests leave the worker threads free for everyone else
 * (decision 0019). Any other outcome, success or problem, is answered at once.
 */
@ApplicationScoped
public class BusyRefusals {

    @Inject
    @ConfigProperty(name = "portero.passwords.busy-pause", defaultValue = "PT1S")
    Duration pause;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Instance<RequestContextController> contexts;

    /** What {@code work} answers; a capacity refusal only after the pause. */
    public <T> CompletionStage<T> answer(Supplier<T> work) {
        try {
            return CompletableFuture.completedFuture(work.get());
        } catch (HashingCapacityExceededException busy) {
            return later(busy);
        }
    }

    private <T> CompletionStage<T> later(HashingCapacityExceededException busy) {
        if (pause.isZero() || pause.isNegative() || scheduler == null) {
            throw busy;
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        try {
            scheduler.schedule(() -> refuse(answer, busy), pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            throw busy;
        }
        return answer;
    }

    /**
     * The answer is written on the scheduler's thread, where no CDI request context is active; the
     * response filters (the refresh cookie's writer) get a fresh one, which holds no decision.
     */
    private <T> void refuse(CompletableFuture<T> answer, HashingCapacityExceededException busy) {
        RequestContextController context = contexts.get();
        boolean activated = context.activate();
        try {
            answer.completeExceptionally(busy);
        } finally {
            if (activated) {
                context.deactivate();
            }
        }
    }
}
