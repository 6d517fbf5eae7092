package io.portero.it;

import jakarta.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The issue-6 flood, against a running server (not part of the build): {@code FLOOD} clients send
 * wrong-password logins for {@code SECONDS}, each from its own address (X-Forwarded-For: the server
 * must trust 127.0.0.1 as a proxy) and for a username nobody has, so login throttling (per username
 * and IP) never masks the hashing load. Meanwhile another client reads {@code GET
 * /api/session-status/} in a loop, and, a third of the way in, a real user logs in once. Prints the
 * flood's answers by status, the reads' latency percentiles and the real login's time, and exits 1
 * if reads were not all 200 with p99 under 1 s or the login took 5 s or more.
 *
 * <pre>
 * java -cp target/test-classes:$(cat target/it-classpath.txt) io.portero.it.HashingFloodBenchmark \
 *      http://127.0.0.1:8080/ admin-password [flood=200] [seconds=30]
 * </pre>
 */
public final class HashingFloodBenchmark {

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0].endsWith("/") ? args[0] : args[0] + "/");
        String adminPassword = args[1];
        int flood = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;

        HttpClient setupClient = client();
        String admin = token(setupClient, base, "admin", adminPassword);
        String reader = "bench_reader_" + System.nanoTime();
        String real = "bench_real_" + System.nanoTime();
        for (String user : List.of(reader, real)) {
            HttpResponse<String> created = setupClient.send(
                    post(
                                    base,
                                    "api/admin/users",
                                    "{\"username\":\"" + user + "\",\"password\":\"" + Api.PASSWORD + "\"}")
                            .header("Authorization", "Bearer " + admin)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException(
                        "creating " + user + ": " + created.statusCode() + " " + created.body());
            }
        }
        String readerToken = token(setupClient, base, reader, Api.PASSWORD);

        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Map<Integer, LongAdder> floodAnswers = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(flood + 2);
        HttpClient floodClient = client();
        for (int i = 0; i < flood; i++) {
            int worker = i;
            pool.submit(() -> {
                long n = 0;
                while (System.nanoTime() < end) {
                    String ip = "10." + (worker % 250) + "." + (n % 250) + "."
                            + (1 + ThreadLocalRandom.current().nextInt(250));
                    String body = Json.createObjectBuilder()
                            .add("username", "nobody_" + worker + "_" + n++)
                            .add("password", "wrong-password-123")
                            .build()
                            .toString();
                    int status;
                    try {
                        status = floodClient
                                .send(
                                        post(base, "api/token/", body)
                                                .header("X-Forwarded-For", ip)
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                    } catch (Exception e) {
                        status = -1;
                    }
                    floodAnswers.computeIfAbsent(status, s -> new LongAdder()).increment();
                }
                return null;
            });
        }

        List<Long> readNanos = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, LongAdder> readAnswers = new ConcurrentHashMap<>();
        HttpClient readClient = client();
        pool.submit(() -> {
            while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                int status;
                try {
                    status = readClient
                            .send(
                                    HttpRequest.newBuilder(base.resolve("api/session-status/"))
                                            .header("Authorization", "Bearer " + readerToken)
                                            .timeout(Duration.ofSeconds(30))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                } catch (Exception e) {
                    status = -1;
                }
                readNanos.add(System.nanoTime() - t0);
                readAnswers.computeIfAbsent(status, s -> new LongAdder()).increment();
                Thread.sleep(50);
            }
            return null;
        });

        AtomicLong loginMillis = new AtomicLong(-1);
        AtomicLong loginStatus = new AtomicLong();
        HttpClient loginClient = client();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds) / 3);
        long t0 = System.nanoTime();
        HttpResponse<String> login = loginClient.send(
                post(base, "api/token/", Api.credentials(real, Api.PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofString());
        loginMillis.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        loginStatus.set(login.statusCode());

        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);

        List<Long> sorted = new ArrayList<>(readNanos);
        Collections.sort(sorted);
        long p50 = millis(sorted, 0.50);
        long p99 = millis(sorted, 0.99);
        long max = sorted.isEmpty() ? -1 : TimeUnit.NANOSECONDS.toMillis(sorted.get(sorted.size() - 1));
        long non200 = readAnswers.entrySet().stream()
                .filter(e -> e.getKey() != 200)
                .mapToLong(e -> e.getValue().sum())
                .sum();
        System.out.printf("flood: %d clients, %d s, answers %s%n", flood, seconds, sums(floodAnswers));
        System.out.printf(
                "reads: %d, answers %s, p50 %d ms, p99 %d ms, max %d ms%n",
                sorted.size(), sums(readAnswers), p50, p99, max);
        System.out.printf("real login: %d in %d ms%n", loginStatus.get(), loginMillis.get());
        boolean ok =
                non200 == 0 && !sorted.isEmpty() && p99 < 1000 && loginStatus.get() == 200 && loginMillis.get() < 5000;
        System.out.println(ok ? "PASS" : "FAIL");
        System.exit(ok ? 0 : 1);
    }

    private static HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    private static HttpRequest.Builder post(URI base, String path, String json) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private static String token(HttpClient http, URI base, String user, String password) throws Exception {
        HttpResponse<String> reply = http.send(
                post(base, "api/token/", Api.credentials(user, password)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() != 200) {
            throw new IllegalStateException("login of " + user + ": " + reply.statusCode() + " " + reply.body());
        }
        return Json.createReader(new java.io.StringReader(reply.body()))
                .readObject()
                .getString("access");
    }

    private static long millis(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1);
        return TimeUnit.NANOSECONDS.toMillis(sorted.get(Math.max(0, index)));
    }

    private static Map<Integer, Long> sums(Map<Integer, LongAdder> answers) {
        Map<Integer, Long> out = new java.util.TreeMap<>();
        answers.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
