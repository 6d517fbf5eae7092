package io.portero.accounts.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Argon2idTest {

    private static final byte[] NONE = new byte[0];

    /** RFC 9106, section 5.3: Argon2id with a secret and associated data. */
    @Test
    void computesTheArgon2idTestVectorOfRfc9106() {
        byte[] password = filled(32, 0x01);
        byte[] salt = filled(16, 0x02);
        byte[] secret = filled(8, 0x03);
        byte[] associatedData = filled(12, 0x04);

        byte[] tag = new Argon2id(new Argon2Parameters(32, 3, 4), 1)
                .derive(password, salt, secret, associatedData, new Argon2Parameters(32, 3, 4), 32);

        assertEquals(
                "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659",
                HexFormat.of().formatHex(tag));
    }

    /** Memory from 8 blocks per lane to several address blocks per segment, 1 to 3 passes, 1 to 8 lanes, tags of 4 to 1024 bytes. */
    static Stream<Arguments> costs() {
        Random random = new Random(9106);
        int[] tagLengths = {4, 16, 32, 63, 64, 65, 96, 127, 200, 1024};
        List<Arguments> costs = new ArrayList<>();
        int[][] fixed = {
            {8, 1, 1},
            {8, 3, 1},
            {9, 2, 1},
            {64, 1, 2},
            {64, 2, 8},
            {67, 3, 8},
            {515, 1, 1},
            {600, 2, 1},
            {1031, 2, 2},
            {2048, 3, 1},
            {1200, 1, 3},
            {240, 2, 5},
            {4100, 1, 8},
            {128, 1, 16}
        };
        for (int i = 0; i < fixed.length; i++) {
            costs.add(Arguments.of(
                    new Argon2Parameters(fixed[i][0], fixed[i][1], fixed[i][2]),
                    tagLengths[i % tagLengths.length],
                    random.nextInt(40),
                    8 + random.nextInt(57)));
        }
        for (int i = 0; i < 16; i++) {
            int lanes = 1 + random.nextInt(8);
            int memory = 8 * lanes + random.nextInt(700);
            costs.add(Arguments.of(
                    new Argon2Parameters(memory, 1 + random.nextInt(3), lanes),
                    tagLengths[random.nextInt(tagLengths.length)],
                    random.nextInt(80),
                    8 + random.nextInt(57)));
        }
        return costs.stream();
    }

    @ParameterizedTest
    @MethodSource("costs")
    void givesBouncyCastlesResultForEveryCost(Argon2Parameters cost, int length, int passwordBytes, int saltBytes) {
        Random random = new Random(cost.hashCode() * 31L + length);
        byte[] password = bytes(random, passwordBytes);
        byte[] salt = bytes(random, saltBytes);

        byte[] ours = new Argon2id(Argon2Parameters.OWASP, 1).derive(password, salt, cost, length);

        assertArrayEquals(
                bouncyCastle(password, salt, NONE, NONE, cost, length), ours, cost + ", " + length + " bytes");
    }

    @Test
    void givesBouncyCastlesResultWithASecretAndAssociatedData() {
        Random random = new Random(7);
        for (Argon2Parameters cost : List.of(
                new Argon2Parameters(64, 2, 2), new Argon2Parameters(700, 1, 1), new Argon2Parameters(96, 3, 3))) {
            byte[] password = bytes(random, 20);
            byte[] salt = bytes(random, 16);
            byte[] secret = bytes(random, 1 + random.nextInt(64));
            byte[] associatedData = bytes(random, 1 + random.nextInt(100));

            byte[] ours = new Argon2id(cost, 1).derive(password, salt, secret, associatedData, cost, 48);

            assertArrayEquals(bouncyCastle(password, salt, secret, associatedData, cost, 48), ours, cost.toString());
        }
    }

    /**
     * The claim the reuse rests on: no block is read before this hash wrote it, so a memory full of
     * another hash's values, or of anything, gives the result of a clean one.
     */
    @ParameterizedTest
    @MethodSource("costs")
    void whatAMemoryHeldBeforeDoesNotChangeTheResult(
            Argon2Parameters cost, int length, int passwordBytes, int saltBytes) {
        Random random = new Random(cost.hashCode());
        byte[] password = bytes(random, passwordBytes);
        byte[] salt = bytes(random, saltBytes);
        long[] clean = new long[Argon2id.longsFor(cost)];
        long[] dirty = new long[Argon2id.longsFor(cost)];
        for (int i = 0; i < dirty.length; i++) {
            dirty[i] = random.nextLong();
        }

        byte[] fromClean = Argon2id.derive(clean, password, salt, NONE, NONE, cost, length);
        byte[] fromDirty = Argon2id.derive(dirty, password, salt, NONE, NONE, cost, length);

        assertArrayEquals(fromClean, fromDirty);
        assertArrayEquals(clean, dirty, "every block was overwritten, so the memories end alike");
    }

    @Test
    void aMemoryLeftByAnotherPasswordGivesTheResultOfAFreshOne() {
        Argon2Parameters cost = new Argon2Parameters(1024, 2, 1);
        byte[] salt = "portero-salt-016".getBytes(StandardCharsets.US_ASCII);
        long[] memory = new long[Argon2id.longsFor(cost)];
        Argon2id.derive(memory, utf8("first password"), salt, NONE, NONE, cost, 32);

        byte[] reused = Argon2id.derive(memory, utf8("second password"), salt, NONE, NONE, cost, 32);

        byte[] fresh = new Argon2id(cost, 1).derive(utf8("second password"), salt, cost, 32);
        assertArrayEquals(fresh, reused);
        assertArrayEquals(bouncyCastle(utf8("second password"), salt, NONE, NONE, cost, 32), reused);
    }

    @Test
    void theKeptMemoryIsLentAgainAndEveryHashStillGivesItsOwnResult() {
        Argon2Parameters cost = new Argon2Parameters(256, 2, 2);
        Argon2Memories memories = new Argon2Memories(Argon2id.longsFor(cost), 1);
        Argon2id argon2 = new Argon2id(memories);
        byte[] salt = "somesalt16bytes!".getBytes(StandardCharsets.US_ASCII);

        byte[] first = argon2.derive(utf8("password"), salt, cost, 32);
        assertEquals(1, memories.spare());
        byte[] second = argon2.derive(utf8("another password"), salt, cost, 32);
        byte[] again = argon2.derive(utf8("password"), salt, cost, 32);

        assertEquals(1, memories.spare());
        assertFalse(Arrays.equals(first, second));
        assertArrayEquals(first, again);
        assertArrayEquals(bouncyCastle(utf8("another password"), salt, NONE, NONE, cost, 32), second);
    }

    /** The point of the pool: with the usual cost, a hash after the first allocates next to nothing. */
    @Test
    void aHashWithTheUsualCostAllocatesNoNewMemory() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        Argon2Parameters cost = new Argon2Parameters(4096, 1, 1);
        Argon2id argon2 = new Argon2id(cost, 1);
        byte[] salt = "somesalt16bytes!".getBytes(StandardCharsets.US_ASCII);
        argon2.derive(utf8("warm-up"), salt, cost, 32);

        long before = threads.getCurrentThreadAllocatedBytes();
        argon2.derive(utf8("password"), salt, cost, 32);
        long usual = threads.getCurrentThreadAllocatedBytes() - before;
        before = threads.getCurrentThreadAllocatedBytes();
        argon2.derive(utf8("password"), salt, new Argon2Parameters(4104, 1, 1), 32);
        long other = threads.getCurrentThreadAllocatedBytes() - before;

        assertTrue(usual < 64 * 1024, "usual cost allocated " + usual + " bytes");
        assertTrue(other >= 4096L * 1024, "a memory of another size is its own: " + other + " bytes");
    }

    @Test
    void aTagShorterThanFourBytesIsRefused() {
        Argon2Parameters cost = new Argon2Parameters(8, 1, 1);
        assertThrows(
                IllegalArgumentException.class, () -> new Argon2id(cost, 1).derive(utf8("p"), new byte[8], cost, 3));
    }

    private static byte[] bouncyCastle(
            byte[] password, byte[] salt, byte[] secret, byte[] associatedData, Argon2Parameters cost, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new org.bouncycastle.crypto.params.Argon2Parameters.Builder(
                        org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
                .withVersion(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withSecret(secret)
                .withAdditional(associatedData)
                .withMemoryAsKB(cost.memoryKib())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .build());
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
