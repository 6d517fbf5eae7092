package io.portero.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Many logins of one user released at the same instant, spread over one or more nodes. */
final class LoginRace {

    private LoginRace() {}

    /** Runs {@code attempts} simultaneous logins (round-robin over {@code nodes}); answers the count per HTTP status. */
    static Map<Integer, Long> run(List<Api> nodes, String user, int attempts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                Api node = nodes.get(i % nodes.size());
                results.add(pool.submit(() -> {
                    start.await();
                    return node.loginReply(user, Api.PASSWORD, null).status();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get(120, TimeUnit.SECONDS));
            }
            return statuses.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        } finally {
            pool.shutdownNow();
        }
    }
}
