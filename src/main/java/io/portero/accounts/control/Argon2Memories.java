package io.portero.accounts.control;

import java.lang.ref.SoftReference;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;

/**
 * The memory Argon2id fills, kept between hashes so that a hash with the configured cost allocates
 * no new 19 MiB: at most {@code kept} arrays of exactly {@code longs} longs, one per hash that may
 * run at once, lent to one hash at a time. They are made only when needed, and kept through soft
 * references: while logins come, a kept memory is reused; when the heap runs short (10,000 live
 * sessions fill most of the shipped 160 MiB heap, decision 0021) the collector may take it back
 * rather than collect in full again and again or fail, and the next hash makes a new one.
 *
 * <p>A memory of any other size (a stored hash with another cost, such as Django's 100 MiB rows)
 * is made for that hash alone and left to the collector. A memory is wiped when it is given back,
 * pooled or not: it holds values derived from the password, and what the first pass of Argon2
 * leaves in blocks it never revisits (with one pass, the first two blocks of each lane) would let
 * a guess be tested for the price of two BLAKE2b runs. Argon2 itself never reads a block before
 * writing it in the same hash, so a lent memory need not be clean for a correct result.
 */
final class Argon2Memories {

    private final int longs;
    private final BlockingQueue<SoftReference<long[]>> spare;
    private final Function<long[], SoftReference<long[]>> keep;

    /**
     * @param longs the size of the memories worth keeping, in longs (blocks × 128)
     * @param kept how many to keep at most, at least 1: the number of hashes that may run at once
     */
    Argon2Memories(int longs, int kept) {
        this(longs, kept, SoftReference::new);
    }

    /** As the other constructor; {@code keep} makes the reference a kept memory is held by (tests clear it). */
    Argon2Memories(int longs, int kept, Function<long[], SoftReference<long[]>> keep) {
        if (longs < 1 || kept < 1) {
            throw new IllegalArgumentException("longs and kept must be positive");
        }
        this.longs = longs;
        this.spare = new ArrayBlockingQueue<>(kept);
        this.keep = keep;
    }

    /** A memory of {@code size} longs: a kept one if it is the kept size and one is free, else a new one. */
    long[] lend(int size) {
        if (size == longs) {
            for (SoftReference<long[]> kept = spare.poll(); kept != null; kept = spare.poll()) {
                long[] memory = kept.get();
                if (memory != null) {
                    return memory;
                }
            }
        }
        return new long[size];
    }

    /** Wipes a memory lent by {@link #lend} and keeps it when it is the kept size and there is room. */
    void giveBack(long[] memory) {
        Arrays.fill(memory, 0L);
        if (memory.length == longs) {
            spare.offer(keep.apply(memory));
        }
    }

    /** How many memories are kept right now, free to lend (and not taken back by the collector). */
    int spare() {
        return (int) spare.stream().filter(kept -> kept.get() != null).count();
    }
}
