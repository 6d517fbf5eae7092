package io.portero.auth.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefreshResponseTest {

    @Test
    void theAnswerHasTheApiFieldsInJsonBsOrder() {
        RefreshResponse response = new RefreshResponse("eyJh.eyJz.c2ln", "SkkF_-wi.SKLe-m", 300, "Bearer");

        assertEquals(
                "{\"access\":\"eyJh.eyJz.c2ln\",\"access_expires_in\":300,\"refresh\":\"SkkF_-wi.SKLe-m\","
                        + "\"token_type\":\"Bearer\"}",
                response.toJson());
    }

    @Test
    void anyTextReadsBackAsItWasAndNullIsNull() {
        for (RefreshResponse response : List.of(
                new RefreshResponse("a\"b\\c\u0001d\n", null, 0, "Bearer"),
                new RefreshResponse("x", "y", Long.MAX_VALUE, "é ü \u2028"))) {
            JsonObject read =
                    Json.createReader(new StringReader(response.toJson())).readObject();

            assertEquals(List.of("access", "access_expires_in", "refresh", "token_type"), List.copyOf(read.keySet()));
            assertEquals(response.access(), read.getString("access"));
            assertEquals(
                    response.accessExpiresIn(),
                    read.getJsonNumber("access_expires_in").longValueExact());
            assertTrue(
                    response.refresh() == null
                            ? read.isNull("refresh")
                            : response.refresh().equals(read.getString("refresh")));
            assertEquals(response.tokenType(), read.getString("token_type"));
        }
    }
}
