package io.portero.auth.control;

import io.portero.accounts.entity.Account;
import io.portero.accounts.entity.Role;
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
 * load you note, and compare runs made under the same conditions (decision 0002).
 *
 * <pre>
 * ./mvnw -B -o test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
 * java -cp target/test-classes:target/classes:$(cat target/test.classpath) io.portero.auth.control.TokenSigningBenchmark [rounds] [ops-per-round]
 * </pre>
 */
public final class TokenSigningBenchmark {

    private TokenSigningBenchmark() {
    }

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
        Account account = new Account("benchmark.user", "benchmark@example.org", "unused",
                Set.of(Role.USER, Role.ADMIN), Instant.now());
        UUID sessionId = UUID.randomUUID();

        System.out.println("load average before: " + loadAverage());
        long sink = 0;
        double[] microsPerOp = new double[rounds];
        for (int round = -warmupRounds; round < rounds; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < opsPerRound; i++) {
                sink += issuer.issue(account, sessionId).token().length();
            }
            double perOp = (System.nanoTime() - start) / 1000.0 / opsPerRound;
            System.out.printf("%s %2d: %8.1f us/op%n", round < 0 ? "warm-up" : "round  ", Math.abs(round), perOp);
            if (round >= 0) {
                microsPerOp[round] = perOp;
            }
        }
        double mean = Arrays.stream(microsPerOp).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(microsPerOp).map(v -> (v - mean) * (v - mean)).sum() / Math.max(1, rounds - 1));
        System.out.printf("issue: mean %.1f us/op, sd %.1f, min %.1f, max %.1f over %d rounds of %d ops (token %d chars)%n",
                mean, sd, Arrays.stream(microsPerOp).min().orElseThrow(), Arrays.stream(microsPerOp).max().orElseThrow(),
                rounds, opsPerRound, issuer.issue(account, sessionId).token().length());
        System.out.println("load average after: " + loadAverage() + " (sink " + sink + ")");
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception unavailable) {
            return "unavailable";
        }
    }
}
