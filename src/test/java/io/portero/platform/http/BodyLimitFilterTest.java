package io.portero.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BodyLimitFilterTest {

    @ParameterizedTest
    @CsvSource({
        "1024, 1024",
        "512K, 524288",
        "256M, 268435456",
        "256m, 268435456",
        " 2 G , 2147483648",
        "8G, 8589934592"
    })
    void sizesAreBytesOrBinaryMultiples(String text, long bytes) {
        assertEquals(bytes, BodyLimitFilter.parseSize(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "M", "-1M", "1023", "256MB", "1.5G", "9999999999G", "lots"})
    void anythingElseIsAConfigurationError(String text) {
        assertThrows(IllegalArgumentException.class, () -> BodyLimitFilter.parseSize(text));
    }

    @ParameterizedTest
    @CsvSource({
        "/api/admin/users/import, 268435456",
        "/api/admin/users/import/, 268435456",
        "/api/admin/users, 65536",
        "/api/admin/users/import/x, 65536",
        "/api/admin//users/import, 65536",
        "/api/admin/users/%69mport, 65536",
        "/api/admin/users/import;x=1, 65536",
        "/api/admin/users/IMPORT, 65536",
        "/api/token, 65536"
    })
    void onlyTheImportsExactPathHasTheLargerLimit(String path, long limit) {
        assertEquals(limit, new BodyLimitFilter().limitFor(path));
    }
}
