package io.portero.accounts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.ref.SoftReference;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Argon2MemoriesTest {

    @Test
    void aMemoryGivenBackIsWipedAndLentAgain() {
        Argon2Memories memories = new Argon2Memories(256, 2);
        long[] memory = memories.lend(256);
        Arrays.fill(memory, 42L);

        memories.giveBack(memory);

        assertEquals(0L, Arrays.stream(memory).filter(v -> v != 0L).count(), "wiped");
        assertSame(memory, memories.lend(256));
    }

    @Test
    void noMoreAreKeptThanHashesMayRunAtOnce() {
        Argon2Memories memories = new Argon2Memories(256, 2);
        long[] first = memories.lend(256);
        long[] second = memories.lend(256);
        long[] third = memories.lend(256);

        memories.giveBack(first);
        memories.giveBack(second);
        memories.giveBack(third);

        assertEquals(2, memories.spare());
    }

    @Test
    void aMemoryOfAnotherSizeIsWipedButNotKept() {
        Argon2Memories memories = new Argon2Memories(256, 2);
        long[] other = memories.lend(512);
        Arrays.fill(other, -1L);

        memories.giveBack(other);

        assertEquals(512, other.length);
        assertEquals(0L, Arrays.stream(other).filter(v -> v != 0L).count(), "wiped");
        assertEquals(0, memories.spare());
        assertNotSame(other, memories.lend(512));
    }

    @Test
    void keepingNothingIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Argon2Memories(256, 0));
        assertThrows(IllegalArgumentException.class, () -> new Argon2Memories(0, 1));
    }

    @Test
    void aMemoryTheCollectorTookBackIsMadeAnew() {
        Argon2Memories memories = new Argon2Memories(256, 1, memory -> new SoftReference<>(memory) {
            @Override
            public long[] get() {
                return null; // as after the collector cleared it, short of heap
            }
        });
        long[] first = memories.lend(256);
        memories.giveBack(first);
        assertEquals(0, memories.spare());
        long[] next = memories.lend(256);
        assertNotSame(first, next);
        assertEquals(256, next.length);
    }
}
