package io.portero.accounts.control;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;

/**
 * The cost of one Argon2id hash with the shipped parameters (m=19456 KiB, t=2, p=1), computed by
 * BouncyCastle's {@code Argon2BytesGenerator} (what Portero used before decision 0022) or by
 * {@link Argon2id} with its kept memory, as a warmed-up loop in one thread. Not a test: run it by
 * hand with the server's heap options, one implementation per JVM (so neither pays for the other's
 * garbage), alternately, on a machine whose load you note (decision 0002).
 *
 * <p>Each round reports per hash: wall-clock time; CPU time of the hashing thread; CPU time of the
 * whole process, which also counts the collector's threads (the serial collector works in the VM
 * thread, not the hashing one); bytes allocated by the hashing thread; and the collections and
 * their pause time. {@code ballast-MiB} keeps that much live data in the heap for the whole run,
 * as a server's sessions, classes' objects and caches do (≈ 72 MiB with 10,000 live sessions).
 *
 * <pre>
 * ./mvnw -B -o test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
 * java -Xmx160m -XX:+UseSerialGC -cp target/test-classes:target/classes:$(cat target/test.classpath) \
 *     io.portero.accounts.control.Argon2Benchmark bc|portero [rounds] [hashes-per-round] [ballast-MiB]
 * </pre>
 */
public final class Argon2Benchmark {

    private static final Argon2Parameters COST = Argon2Parameters.OWASP;
    private static final byte[] SALT = "portero-salt-016".getBytes(StandardCharsets.US_ASCII);

    private Argon2Benchmark() {}

    public static void main(String[] args) throws Exception {
        String implementation = args.length > 0 ? args[0] : "portero";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int hashesPerRound = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int ballastMiB = args.length > 3 ? Integer.parseInt(args[3]) : 72;
        int warmupRounds = 2;

        Hash hash = switch (implementation) {
            case "bc" -> Argon2Benchmark::bouncyCastle;
            case "portero" -> portero();
            default -> throw new IllegalArgumentException("bc or portero, not " + implementation);
        };
        List<byte[]> ballast = new ArrayList<>();
        for (int i = 0; i < ballastMiB * 16; i++) {
            ballast.add(new byte[64 * 1024]);
        }

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.println(implementation + ", " + COST + ", ballast " + ballastMiB + " MiB, max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, "
                + ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.println("load average before: " + loadAverage());
        byte[] expected = bouncyCastle("password 0".getBytes(StandardCharsets.UTF_8));
        if (!Arrays.equals(expected, hash.derive("password 0".getBytes(StandardCharsets.UTF_8)))) {
            throw new IllegalStateException("the two implementations disagree");
        }
        double[] wall = new double[rounds];
        double[] threadCpu = new double[rounds];
        double[] processCpu = new double[rounds];
        double[] allocated = new double[rounds];
        long sink = 0;
        for (int round = -warmupRounds; round < rounds; round++) {
            long gcCountStart = gcCount();
            long gcTimeStart = gcMillis();
            long allocatedStart = threads.getCurrentThreadAllocatedBytes();
            long processStart = os.getProcessCpuTime();
            long threadStart = threads.getCurrentThreadCpuTime();
            long wallStart = System.nanoTime();
            for (int i = 0; i < hashesPerRound; i++) {
                sink += hash.derive(("password " + i).getBytes(StandardCharsets.UTF_8))[0];
            }
            double w = (System.nanoTime() - wallStart) / 1e6 / hashesPerRound;
            double t = (threads.getCurrentThreadCpuTime() - threadStart) / 1e6 / hashesPerRound;
            double p = (os.getProcessCpuTime() - processStart) / 1e6 / hashesPerRound;
            double a = (threads.getCurrentThreadAllocatedBytes() - allocatedStart) / 1024.0 / 1024.0 / hashesPerRound;
            System.out.printf(
                    "%s %d: wall %6.1f ms, thread cpu %6.1f ms, process cpu %6.1f ms, allocated %6.2f MiB per hash;"
                            + " %d collections, %d ms of them%n",
                    round < 0 ? "warm-up" : "round  ",
                    Math.abs(round),
                    w,
                    t,
                    p,
                    a,
                    gcCount() - gcCountStart,
                    gcMillis() - gcTimeStart);
            if (round >= 0) {
                wall[round] = w;
                threadCpu[round] = t;
                processCpu[round] = p;
                allocated[round] = a;
            }
        }
        System.out.println(implementation + " wall ms/hash:        " + summary(wall));
        System.out.println(implementation + " thread cpu ms/hash:  " + summary(threadCpu));
        System.out.println(implementation + " process cpu ms/hash: " + summary(processCpu));
        System.out.println(implementation + " allocated MiB/hash:  " + summary(allocated));
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            System.out.println("  " + gc.getName() + ": " + gc.getCollectionCount() + " collections, "
                    + gc.getCollectionTime() + " ms in all");
        }
        System.out.println(
                "load average after: " + loadAverage() + " (sink " + sink + ", ballast " + ballast.size() + ")");
    }

    private interface Hash {
        byte[] derive(byte[] password);
    }

    private static Hash portero() {
        Argon2id argon2 = new Argon2id(COST, 1);
        return password -> argon2.derive(password, SALT, COST, 32);
    }

    private static byte[] bouncyCastle(byte[] password) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new org.bouncycastle.crypto.params.Argon2Parameters.Builder(
                        org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
                .withVersion(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(SALT)
                .withMemoryAsKB(COST.memoryKib())
                .withIterations(COST.iterations())
                .withParallelism(COST.parallelism())
                .build());
        byte[] out = new byte[32];
        generator.generateBytes(password, out);
        return out;
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount)
                .sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }

    private static String summary(double[] values) {
        double mean = Arrays.stream(values).average().orElseThrow();
        double sd = Math.sqrt(
                Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / Math.max(1, values.length - 1));
        return String.format(
                "mean %.2f, sd %.2f, min %.2f, max %.2f",
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
