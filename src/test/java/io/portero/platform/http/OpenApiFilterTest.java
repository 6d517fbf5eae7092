package io.portero.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenApiFilterTest {

    @ParameterizedTest
    @CsvSource({
        "sessionId, session_id",
        "accessExpiresIn, access_expires_in",
        "lastActivityAt, last_activity_at",
        "idleTimeoutSeconds, idle_timeout_seconds",
        "ipAddress, ip_address",
        "deviceLabel, device_label",
        "access, access",
        "already_snake, already_snake",
        "id, id"
    })
    void javaPropertyNamesBecomeTheJsonNames(String java, String json) {
        assertEquals(json, OpenApiFilter.snakeCase(java));
    }

    @ParameterizedTest
    @CsvSource({"ipV4, ip_v4", "endSession, end_session"})
    void everyCapitalStartsANewWord(String java, String json) {
        assertEquals(json, OpenApiFilter.snakeCase(java));
    }

    @ParameterizedTest
    @CsvSource({"400, true", "404, true", "503, true", "200, false", "204, false", "default, false"})
    void errorAnswersAreTheFourAndFiveHundreds(String status, boolean error) {
        assertEquals(error, OpenApiFilter.isError(status));
    }
}
