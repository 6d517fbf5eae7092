package io.portero.platform.database;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Values of native-query result columns, whose Java type depends on the JPA provider and the
 * database: a {@code uuid} column comes back as a {@link UUID} (PostgreSQL), as its text, or, from
 * Hibernate on H2, as its 16 bytes.
 */
public final class NativeValues {

    private NativeValues() {}

    /** The UUID in a {@code uuid} column, or {@code null} for SQL NULL. */
    public static UUID uuid(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof UUID id) {
            return id;
        }
        if (value instanceof byte[] bytes) {
            if (bytes.length != 16) {
                throw new IllegalArgumentException("a UUID has 16 bytes, not " + bytes.length);
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return new UUID(buffer.getLong(), buffer.getLong());
        }
        return UUID.fromString(value.toString());
    }
}
