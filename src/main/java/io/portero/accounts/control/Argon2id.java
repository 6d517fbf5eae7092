package io.portero.accounts.control;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Argon2id, version 1.3 (0x13), as RFC 9106 describes it, filling one flat {@code long[]} (the
 * blocks of all lanes one after the other, 128 longs each) that it borrows from
 * {@link Argon2Memories}: a hash with the configured cost reuses the memory of an earlier one
 * instead of leaving 19 MiB to the collector. BLAKE2b, for the first hash and the variable-length
 * hash H', is BouncyCastle's; the rest is this class.
 *
 * <p>A borrowed memory still holds whatever was there before; the result does not depend on it,
 * because Argon2 writes every block before it reads it. The first two blocks of each lane come
 * from the first hash H0. After that, the first pass fills each lane in column order, and the block
 * it writes depends only on the block just before it (written already) and on a reference block
 * chosen among those the same pass has written already: in its own lane, the columns before the
 * previous one; in another lane, only segments finished in an earlier slice. Only from the second
 * pass on is a block mixed with its own previous value, which the first pass wrote.
 *
 * <p>Lanes are filled one after the other in the calling thread, slice by slice, which gives the
 * same result as filling them at once: within a slice no lane reads a segment another lane is
 * writing. Instances are safe to share between threads; each hash has its own memory and scratch.
 */
final class Argon2id {

    private static final int VERSION = 0x13;
    private static final int TYPE_ID = 2;
    private static final int BLOCK_LONGS = 128;
    private static final int BLOCK_BYTES = BLOCK_LONGS * Long.BYTES;
    private static final int SLICES = 4;
    private static final int FIRST_HASH_BYTES = 64;
    private static final int MIN_TAG_BYTES = 4;
    private static final byte[] NONE = new byte[0];

    private final Argon2Memories memories;

    /**
     * @param usual the cost nearly every hash has: memories of its size are kept
     * @param atOnce how many hashes may run at once, so how many memories to keep at most
     */
    Argon2id(Argon2Parameters usual, int atOnce) {
        this(new Argon2Memories(longsFor(usual), atOnce));
    }

    Argon2id(Argon2Memories memories) {
        this.memories = memories;
    }

    /** The memory a hash with this cost fills, in longs: 4·p·⌊m / 4p⌋ blocks of 128. */
    static int longsFor(Argon2Parameters cost) {
        return blocksFor(cost) * BLOCK_LONGS;
    }

    /** {@code length} bytes (at least 4) of Argon2id of the password and salt, with no secret or associated data. */
    byte[] derive(byte[] password, byte[] salt, Argon2Parameters cost, int length) {
        return derive(password, salt, NONE, NONE, cost, length);
    }

    /** As the other, with RFC 9106's optional secret key K and associated data X. */
    byte[] derive(
            byte[] password, byte[] salt, byte[] secret, byte[] associatedData, Argon2Parameters cost, int length) {
        long[] memory = memories.lend(longsFor(cost));
        try {
            return derive(memory, password, salt, secret, associatedData, cost, length);
        } finally {
            memories.giveBack(memory);
        }
    }

    /**
     * The hash computed in the given memory (at least {@link #longsFor} longs), whatever it holds
     * on entry; it holds derived values on return and is the caller's to wipe.
     */
    static byte[] derive(
            long[] memory,
            byte[] password,
            byte[] salt,
            byte[] secret,
            byte[] associatedData,
            Argon2Parameters cost,
            int length) {
        if (length < MIN_TAG_BYTES) {
            throw new IllegalArgumentException("an Argon2 tag has at least 4 bytes");
        }
        if (memory.length < longsFor(cost)) {
            throw new IllegalArgumentException("memory too small for " + cost);
        }
        byte[] seed = new byte[FIRST_HASH_BYTES + 2 * Integer.BYTES];
        firstHash(password, salt, secret, associatedData, cost, length, seed);
        Fill fill = new Fill(memory, cost);
        try {
            fill.firstBlocks(seed);
            for (int pass = 0; pass < cost.iterations(); pass++) {
                for (int slice = 0; slice < SLICES; slice++) {
                    for (int lane = 0; lane < cost.parallelism(); lane++) {
                        fill.segment(pass, slice, lane);
                    }
                }
            }
            return fill.tag(length);
        } finally {
            fill.wipe();
            Arrays.fill(seed, (byte) 0);
        }
    }

    private static int blocksFor(Argon2Parameters cost) {
        int quarterLanes = SLICES * cost.parallelism();
        return cost.memoryKib() / quarterLanes * quarterLanes;
    }

    /** H0: BLAKE2b-512 of the parameters and inputs, into the first 64 bytes of {@code seed}. */
    private static void firstHash(
            byte[] password,
            byte[] salt,
            byte[] secret,
            byte[] associatedData,
            Argon2Parameters cost,
            int length,
            byte[] seed) {
        Blake2bDigest digest = new Blake2bDigest(FIRST_HASH_BYTES * 8);
        updateInt(digest, cost.parallelism());
        updateInt(digest, length);
        updateInt(digest, cost.memoryKib());
        updateInt(digest, cost.iterations());
        updateInt(digest, VERSION);
        updateInt(digest, TYPE_ID);
        for (byte[] input : new byte[][] {password, salt, secret, associatedData}) {
            updateInt(digest, input.length);
            digest.update(input, 0, input.length);
        }
        digest.doFinal(seed, 0);
    }

    /**
     * H'^T: {@code out.length} bytes of BLAKE2b of the little-endian length and the input; longer
     * than 64 bytes, the first 32 bytes of each of a chain of BLAKE2b-512 hashes and then the whole
     * of a last hash as long as what is left.
     */
    static void variableHash(byte[] input, byte[] out) {
        int length = out.length;
        if (length <= FIRST_HASH_BYTES) {
            Blake2bDigest digest = new Blake2bDigest(length * 8);
            updateInt(digest, length);
            digest.update(input, 0, input.length);
            digest.doFinal(out, 0);
            return;
        }
        int halves = (length + 31) / 32 - 2;
        byte[] link = new byte[FIRST_HASH_BYTES];
        Blake2bDigest digest = new Blake2bDigest(FIRST_HASH_BYTES * 8);
        updateInt(digest, length);
        digest.update(input, 0, input.length);
        digest.doFinal(link, 0);
        System.arraycopy(link, 0, out, 0, 32);
        for (int i = 1; i < halves; i++) {
            digest.update(link, 0, link.length);
            digest.doFinal(link, 0);
            System.arraycopy(link, 0, out, i * 32, 32);
        }
        Blake2bDigest last = new Blake2bDigest((length - 32 * halves) * 8);
        last.update(link, 0, link.length);
        last.doFinal(out, 32 * halves);
        Arrays.fill(link, (byte) 0);
    }

    private static void updateInt(Blake2bDigest digest, int value) {
        digest.update((byte) value);
        digest.update((byte) (value >>> 8));
        digest.update((byte) (value >>> 16));
        digest.update((byte) (value >>> 24));
    }

    /** One hash's walk over its memory, with its scratch blocks. */
    private static final class Fill {

        private final long[] memory;
        private final int lanes;
        private final int passes;
        private final int blocks;
        private final int laneLength;
        private final int segmentLength;
        private final long[] mixed = new long[BLOCK_LONGS];
        private final long[] permuted = new long[BLOCK_LONGS];
        private final long[] zero = new long[BLOCK_LONGS];
        private final long[] counter = new long[BLOCK_LONGS];
        private final long[] addresses = new long[BLOCK_LONGS];
        private final byte[] bytes = new byte[BLOCK_BYTES];

        Fill(long[] memory, Argon2Parameters cost) {
            this.memory = memory;
            this.lanes = cost.parallelism();
            this.passes = cost.iterations();
            this.blocks = blocksFor(cost);
            this.laneLength = blocks / lanes;
            this.segmentLength = laneLength / SLICES;
        }

        /** Columns 0 and 1 of every lane: H'^1024(H0 ‖ LE32(column) ‖ LE32(lane)). */
        void firstBlocks(byte[] seed) {
            for (int lane = 0; lane < lanes; lane++) {
                for (int column = 0; column < 2; column++) {
                    putInt(seed, FIRST_HASH_BYTES, column);
                    putInt(seed, FIRST_HASH_BYTES + Integer.BYTES, lane);
                    variableHash(seed, bytes);
                    ByteBuffer.wrap(bytes)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .asLongBuffer()
                            .get(memory, (lane * laneLength + column) * BLOCK_LONGS, BLOCK_LONGS);
                }
            }
        }

        /**
         * One segment (a quarter of a lane) of one pass. Argon2id picks the reference blocks of the
         * first two slices of the first pass from a counter (independent of the password), and all
         * later ones from the first long of the previous block.
         */
        void segment(int pass, int slice, int lane) {
            boolean independent = pass == 0 && slice < 2;
            int first = pass == 0 && slice == 0 ? 2 : 0;
            if (independent) {
                Arrays.fill(counter, 0L);
                counter[0] = pass;
                counter[1] = lane;
                counter[2] = slice;
                counter[3] = blocks;
                counter[4] = passes;
                counter[5] = TYPE_ID;
                if (first > 0) {
                    nextAddresses();
                }
            }
            int laneStart = lane * laneLength;
            for (int index = first; index < segmentLength; index++) {
                int column = slice * segmentLength + index;
                int current = laneStart + column;
                int previous = column == 0 ? laneStart + laneLength - 1 : current - 1;
                long random;
                if (independent) {
                    if (index % BLOCK_LONGS == 0) {
                        nextAddresses();
                    }
                    random = addresses[index % BLOCK_LONGS];
                } else {
                    random = memory[previous * BLOCK_LONGS];
                }
                int referenceLane = pass == 0 && slice == 0 ? lane : (int) ((random >>> 32) % lanes);
                int referenceColumn = referenceColumn(pass, slice, index, random & 0xFFFFFFFFL, referenceLane == lane);
                compress(
                        memory,
                        previous * BLOCK_LONGS,
                        memory,
                        (referenceLane * laneLength + referenceColumn) * BLOCK_LONGS,
                        memory,
                        current * BLOCK_LONGS,
                        pass > 0);
            }
        }

        /**
         * The column of the reference block: J1 mapped, non-uniformly and favouring recent blocks,
         * onto the blocks the current one may read. Those are, in its own lane, every block written
         * and not yet overwritten except the previous one; in another lane, the last three finished
         * segments (less their last block when the current block starts a segment).
         */
        private int referenceColumn(int pass, int slice, int index, long j1, boolean sameLane) {
            int finished = pass == 0 ? slice * segmentLength : laneLength - segmentLength;
            int area = sameLane ? finished + index - 1 : finished - (index == 0 ? 1 : 0);
            long x = (j1 * j1) >>> 32;
            long y = (area * x) >>> 32;
            long back = area - 1 - y;
            long start = pass == 0 ? 0 : (long) (slice + 1) * segmentLength;
            return (int) ((start + back) % laneLength);
        }

        /** The next block of pseudo-random addresses: G(0, G(0, counter block)) after bumping the counter. */
        private void nextAddresses() {
            counter[6]++;
            compress(zero, 0, counter, 0, addresses, 0, false);
            compress(zero, 0, addresses, 0, addresses, 0, false);
        }

        /** The tag: H'^T of the XOR of every lane's last block. */
        byte[] tag(int length) {
            long[] last = mixed;
            Arrays.fill(last, 0L);
            for (int lane = 0; lane < lanes; lane++) {
                int offset = ((lane + 1) * laneLength - 1) * BLOCK_LONGS;
                for (int k = 0; k < BLOCK_LONGS; k++) {
                    last[k] ^= memory[offset + k];
                }
            }
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(last);
            byte[] tag = new byte[length];
            variableHash(bytes, tag);
            return tag;
        }

        void wipe() {
            Arrays.fill(mixed, 0L);
            Arrays.fill(permuted, 0L);
            Arrays.fill(addresses, 0L);
            Arrays.fill(bytes, (byte) 0);
        }

        /**
         * The compression G: R = X ⊕ Y, P applied to each row of R's 8×8 grid of 16-byte registers
         * and then to each column, and the result ⊕ R; with {@code xor}, also ⊕ the old value of
         * the output block (version 1.3, from the second pass on). The output may be an input.
         */
        private void compress(long[] x, int xAt, long[] y, int yAt, long[] out, int outAt, boolean xor) {
            long[] r = mixed;
            long[] z = permuted;
            for (int k = 0; k < BLOCK_LONGS; k++) {
                long value = x[xAt + k] ^ y[yAt + k];
                r[k] = value;
                z[k] = value;
            }
            for (int row = 0; row < 8; row++) {
                permuteRow(z, row * 16);
            }
            for (int column = 0; column < 8; column++) {
                permuteColumn(z, column * 2);
            }
            if (xor) {
                for (int k = 0; k < BLOCK_LONGS; k++) {
                    out[outAt + k] ^= z[k] ^ r[k];
                }
            } else {
                for (int k = 0; k < BLOCK_LONGS; k++) {
                    out[outAt + k] = z[k] ^ r[k];
                }
            }
        }
    }

    /**
     * The permutation P on one row of the 8×8 grid of 16-byte registers: the 16 longs from
     * {@code at}, low word first in each register. P is BLAKE2b's round with its additions replaced
     * by a + b + 2·lo32(a)·lo32(b), first on the columns of the 4×4 word matrix, then on its
     * diagonals. Written out on constant offsets so that the compiler checks the bounds once.
     */
    private static void permuteRow(long[] v, int at) {
        long v0 = v[at];
        long v1 = v[at + 1];
        long v2 = v[at + 2];
        long v3 = v[at + 3];
        long v4 = v[at + 4];
        long v5 = v[at + 5];
        long v6 = v[at + 6];
        long v7 = v[at + 7];
        long v8 = v[at + 8];
        long v9 = v[at + 9];
        long v10 = v[at + 10];
        long v11 = v[at + 11];
        long v12 = v[at + 12];
        long v13 = v[at + 13];
        long v14 = v[at + 14];
        long v15 = v[at + 15];
        v0 = mix(v0, v4);
        v12 = Long.rotateRight(v12 ^ v0, 32);
        v8 = mix(v8, v12);
        v4 = Long.rotateRight(v4 ^ v8, 24);
        v0 = mix(v0, v4);
        v12 = Long.rotateRight(v12 ^ v0, 16);
        v8 = mix(v8, v12);
        v4 = Long.rotateRight(v4 ^ v8, 63);
        v1 = mix(v1, v5);
        v13 = Long.rotateRight(v13 ^ v1, 32);
        v9 = mix(v9, v13);
        v5 = Long.rotateRight(v5 ^ v9, 24);
        v1 = mix(v1, v5);
        v13 = Long.rotateRight(v13 ^ v1, 16);
        v9 = mix(v9, v13);
        v5 = Long.rotateRight(v5 ^ v9, 63);
        v2 = mix(v2, v6);
        v14 = Long.rotateRight(v14 ^ v2, 32);
        v10 = mix(v10, v14);
        v6 = Long.rotateRight(v6 ^ v10, 24);
        v2 = mix(v2, v6);
        v14 = Long.rotateRight(v14 ^ v2, 16);
        v10 = mix(v10, v14);
        v6 = Long.rotateRight(v6 ^ v10, 63);
        v3 = mix(v3, v7);
        v15 = Long.rotateRight(v15 ^ v3, 32);
        v11 = mix(v11, v15);
        v7 = Long.rotateRight(v7 ^ v11, 24);
        v3 = mix(v3, v7);
        v15 = Long.rotateRight(v15 ^ v3, 16);
        v11 = mix(v11, v15);
        v7 = Long.rotateRight(v7 ^ v11, 63);
        v0 = mix(v0, v5);
        v15 = Long.rotateRight(v15 ^ v0, 32);
        v10 = mix(v10, v15);
        v5 = Long.rotateRight(v5 ^ v10, 24);
        v0 = mix(v0, v5);
        v15 = Long.rotateRight(v15 ^ v0, 16);
        v10 = mix(v10, v15);
        v5 = Long.rotateRight(v5 ^ v10, 63);
        v1 = mix(v1, v6);
        v12 = Long.rotateRight(v12 ^ v1, 32);
        v11 = mix(v11, v12);
        v6 = Long.rotateRight(v6 ^ v11, 24);
        v1 = mix(v1, v6);
        v12 = Long.rotateRight(v12 ^ v1, 16);
        v11 = mix(v11, v12);
        v6 = Long.rotateRight(v6 ^ v11, 63);
        v2 = mix(v2, v7);
        v13 = Long.rotateRight(v13 ^ v2, 32);
        v8 = mix(v8, v13);
        v7 = Long.rotateRight(v7 ^ v8, 24);
        v2 = mix(v2, v7);
        v13 = Long.rotateRight(v13 ^ v2, 16);
        v8 = mix(v8, v13);
        v7 = Long.rotateRight(v7 ^ v8, 63);
        v3 = mix(v3, v4);
        v14 = Long.rotateRight(v14 ^ v3, 32);
        v9 = mix(v9, v14);
        v4 = Long.rotateRight(v4 ^ v9, 24);
        v3 = mix(v3, v4);
        v14 = Long.rotateRight(v14 ^ v3, 16);
        v9 = mix(v9, v14);
        v4 = Long.rotateRight(v4 ^ v9, 63);
        v[at] = v0;
        v[at + 1] = v1;
        v[at + 2] = v2;
        v[at + 3] = v3;
        v[at + 4] = v4;
        v[at + 5] = v5;
        v[at + 6] = v6;
        v[at + 7] = v7;
        v[at + 8] = v8;
        v[at + 9] = v9;
        v[at + 10] = v10;
        v[at + 11] = v11;
        v[at + 12] = v12;
        v[at + 13] = v13;
        v[at + 14] = v14;
        v[at + 15] = v15;
    }

    /** P on one column of the grid: two longs from {@code at} in each of the eight rows. */
    private static void permuteColumn(long[] v, int at) {
        long v0 = v[at];
        long v1 = v[at + 1];
        long v2 = v[at + 16];
        long v3 = v[at + 17];
        long v4 = v[at + 32];
        long v5 = v[at + 33];
        long v6 = v[at + 48];
        long v7 = v[at + 49];
        long v8 = v[at + 64];
        long v9 = v[at + 65];
        long v10 = v[at + 80];
        long v11 = v[at + 81];
        long v12 = v[at + 96];
        long v13 = v[at + 97];
        long v14 = v[at + 112];
        long v15 = v[at + 113];
        v0 = mix(v0, v4);
        v12 = Long.rotateRight(v12 ^ v0, 32);
        v8 = mix(v8, v12);
        v4 = Long.rotateRight(v4 ^ v8, 24);
        v0 = mix(v0, v4);
        v12 = Long.rotateRight(v12 ^ v0, 16);
        v8 = mix(v8, v12);
        v4 = Long.rotateRight(v4 ^ v8, 63);
        v1 = mix(v1, v5);
        v13 = Long.rotateRight(v13 ^ v1, 32);
        v9 = mix(v9, v13);
        v5 = Long.rotateRight(v5 ^ v9, 24);
        v1 = mix(v1, v5);
        v13 = Long.rotateRight(v13 ^ v1, 16);
        v9 = mix(v9, v13);
        v5 = Long.rotateRight(v5 ^ v9, 63);
        v2 = mix(v2, v6);
        v14 = Long.rotateRight(v14 ^ v2, 32);
        v10 = mix(v10, v14);
        v6 = Long.rotateRight(v6 ^ v10, 24);
        v2 = mix(v2, v6);
        v14 = Long.rotateRight(v14 ^ v2, 16);
        v10 = mix(v10, v14);
        v6 = Long.rotateRight(v6 ^ v10, 63);
        v3 = mix(v3, v7);
        v15 = Long.rotateRight(v15 ^ v3, 32);
        v11 = mix(v11, v15);
        v7 = Long.rotateRight(v7 ^ v11, 24);
        v3 = mix(v3, v7);
        v15 = Long.rotateRight(v15 ^ v3, 16);
        v11 = mix(v11, v15);
        v7 = Long.rotateRight(v7 ^ v11, 63);
        v0 = mix(v0, v5);
        v15 = Long.rotateRight(v15 ^ v0, 32);
        v10 = mix(v10, v15);
        v5 = Long.rotateRight(v5 ^ v10, 24);
        v0 = mix(v0, v5);
        v15 = Long.rotateRight(v15 ^ v0, 16);
        v10 = mix(v10, v15);
        v5 = Long.rotateRight(v5 ^ v10, 63);
        v1 = mix(v1, v6);
        v12 = Long.rotateRight(v12 ^ v1, 32);
        v11 = mix(v11, v12);
        v6 = Long.rotateRight(v6 ^ v11, 24);
        v1 = mix(v1, v6);
        v12 = Long.rotateRight(v12 ^ v1, 16);
        v11 = mix(v11, v12);
        v6 = Long.rotateRight(v6 ^ v11, 63);
        v2 = mix(v2, v7);
        v13 = Long.rotateRight(v13 ^ v2, 32);
        v8 = mix(v8, v13);
        v7 = Long.rotateRight(v7 ^ v8, 24);
        v2 = mix(v2, v7);
        v13 = Long.rotateRight(v13 ^ v2, 16);
        v8 = mix(v8, v13);
        v7 = Long.rotateRight(v7 ^ v8, 63);
        v3 = mix(v3, v4);
        v14 = Long.rotateRight(v14 ^ v3, 32);
        v9 = mix(v9, v14);
        v4 = Long.rotateRight(v4 ^ v9, 24);
        v3 = mix(v3, v4);
        v14 = Long.rotateRight(v14 ^ v3, 16);
        v9 = mix(v9, v14);
        v4 = Long.rotateRight(v4 ^ v9, 63);
        v[at] = v0;
        v[at + 1] = v1;
        v[at + 16] = v2;
        v[at + 17] = v3;
        v[at + 32] = v4;
        v[at + 33] = v5;
        v[at + 48] = v6;
        v[at + 49] = v7;
        v[at + 64] = v8;
        v[at + 65] = v9;
        v[at + 80] = v10;
        v[at + 81] = v11;
        v[at + 96] = v12;
        v[at + 97] = v13;
        v[at + 112] = v14;
        v[at + 113] = v15;
    }

    private static long mix(long a, long b) {
        return a + b + 2 * (a & 0xFFFFFFFFL) * (b & 0xFFFFFFFFL);
    }

    private static void putInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) value;
        bytes[at + 1] = (byte) (value >>> 8);
        bytes[at + 2] = (byte) (value >>> 16);
        bytes[at + 3] = (byte) (value >>> 24);
    }
}
