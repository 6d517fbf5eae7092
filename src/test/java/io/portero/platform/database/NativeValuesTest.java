package io.portero.platform.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NativeValuesTest {

    private static final UUID ID = UUID.fromString("6c108da5-8f03-4106-9c26-4da726bf8a77");

    @Test
    void aUuidColumnReadsTheSameInEveryForm() {
        byte[] bytes = ByteBuffer.allocate(16)
                .putLong(ID.getMostSignificantBits())
                .putLong(ID.getLeastSignificantBits())
                .array();
        assertEquals(ID, NativeValues.uuid(ID));
        assertEquals(ID, NativeValues.uuid(ID.toString()));
        assertEquals(ID, NativeValues.uuid(bytes));
        assertNull(NativeValues.uuid(null));
    }

    @Test
    void bytesThatAreNoUuidAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> NativeValues.uuid(new byte[] {1, 2, 3}));
    }
}
