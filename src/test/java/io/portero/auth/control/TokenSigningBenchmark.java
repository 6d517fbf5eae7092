package io.portero.auth.control;

import io.portero.accounts.entity.Account;
import io.portero.accounts.entity.Role;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;

/**
 * The cost of issuing one access token ({@link TokenIssuer#issue}: claims, header, RS256
 * signature, serialisation), as a warmed-up loop. Not a test: run it by hand, on a machine whose
 * load you note, and compare runs made under the same conditions (decision 0002). Each round
 * reports wall-clock time and the CPU time of the measuring thread: on a shared machine the wall
 * clock also counts the time other processes hold the cores, the thread's CPU time does not.
 *
 * <pre>
 * ./mvnw -B -o test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
 * java -cp target/test-classes:target/classes:$(cat target/test.classpath) io.portero.auth.control.TokenSigningBenchmark [rounds] [ops-per-round]
 * </pre>
 */
public final class TokenSigningBenchmark {

    private TokenSigningBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int opsPerRound = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int warmupRounds = 3;

        TokenSigningKey key = TokenSigningKey.generate();
        TokenIssuer issuer = new TokenIssuer();
        issuer.keys = new KeyRing() {
            @Override
            public TokenSigningKey signingKey() {
                return key;
            }
        };
        issuer.clock = Clock.systemUTC();
        issuer.issuer = "portero";
        issuer.accessTtl = Duration.ofMinutes(5);
        Account account = new Account(
                "benchmark.user", "benchmark@example.org", "unused", Set.of(Role.USER, Role.ADMIN), Instant.now());
        UUID sessionId = UUID.randomUUID();

        System.out.println("load average before: " + loadAverage());
        long sink = 0;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] wallMicrosPerOp = new double[rounds];
        double[] cpuMicrosPerOp = new double[rounds];
        for (int round = -warmupRounds; round < rounds; round++) {
            long wallStart = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < opsPerRound; i++) {
                sink += issuer.issue(account, sessionId).token().length();
            }
            double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1000.0 / opsPerRound;
            double wall = (System.nanoTime() - wallStart) / 1000.0 / opsPerRound;
            System.out.printf(
                    "%s %2d: wall %8.1f us/op, cpu %8.1f us/op%n",
                    round < 0 ? "warm-up" : "round  ", Math.abs(round), wall, cpu);
            if (round >= 0) {
                wallMicrosPerOp[round] = wall;
                cpuMicrosPerOp[round] = cpu;
            }
        }
        System.out.println("issue, wall: " + summary(wallMicrosPerOp));
        System.out.println("issue, cpu:  " + summary(cpuMicrosPerOp));
        System.out.printf(
                "%d rounds of %d ops after %d warm-up rounds; token %d chars%n",
                rounds,
                opsPerRound,
                warmupRounds,
                issuer.issue(account, sessionId).token().length());
        System.out.println("load average after: " + loadAverage() + " (sink " + sink + ")");
    }

    private static String summary(double[] values) {
        double mean = Arrays.stream(values).average().orElseThrow();
        double sd = Math.sqrt(
                Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / Math.max(1, values.length - 1));
        return String.format(
                "mean %.1f us/op, sd %.1f, min %.1f, max %.1f",
                mean,
                sd,
                Arrays.stream(values).min().orElseThrow(),
                Arrays.stream(values).max().orElseThrow());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception unavailable) {
            return "unavailable";
        }
    }
}
