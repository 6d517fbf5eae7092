package io.portero.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.portero.platform.problem.InvalidInputException;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodiesTest {

    /** A request class shaped like the API's. */
    public static class SampleRequest {
        public String username;
        public String password;
        public Boolean keepCurrentSession;
        public List<String> roles;
    }

    private static JsonObject parse(String json) {
        return JsonBodies.parseObject(json.getBytes(StandardCharsets.UTF_8));
    }

    private static List<InvalidInputException.Field> wrong(String json) {
        return assertThrows(InvalidInputException.class, () -> JsonBodies.bind(parse(json), SampleRequest.class))
                .fields();
    }

    @Test
    void membersOfTheirOwnTypeAreBoundBySnakeCaseName() {
        SampleRequest request = JsonBodies.bind(
                parse(
                        "{\"username\":\"ana\",\"password\":\"pw\",\"keep_current_session\":true,\"roles\":[\"user\"],\"extra\":1}"),
                SampleRequest.class);

        assertEquals("ana", request.username);
        assertEquals("pw", request.password);
        assertEquals(Boolean.TRUE, request.keepCurrentSession);
        assertEquals(List.of("user"), request.roles);
    }

    @Test
    void nullAndAbsentMembersStayNullForTheRequiredCheck() {
        SampleRequest request = JsonBodies.bind(parse("{\"username\":null}"), SampleRequest.class);

        assertNull(request.username);
        assertNull(request.password);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"secret\"]", "{\"a\":\"secret\"}", "1", "1e999999", "true", "false"})
    void aStringMemberTakesOnlyAString(String value) {
        assertEquals(
                List.of(new InvalidInputException.Field("password", "invalid_type")),
                wrong("{\"username\":\"ana\",\"password\":" + value + "}"));
    }

    @Test
    void booleanAndListMembersTakeOnlyTheirTypes() {
        assertEquals(
                List.of(
                        new InvalidInputException.Field("keep_current_session", "invalid_type"),
                        new InvalidInputException.Field("roles", "invalid_type")),
                wrong("{\"keep_current_session\":\"true\",\"roles\":[\"user\",1]}"));
    }

    @Test
    void noStringMayHoldANulOrALoneSurrogate() {
        assertEquals(
                List.of(new InvalidInputException.Field("username", "invalid_format")),
                wrong("{\"username\":\"a\\u0000b\"}"));
        assertEquals(
                List.of(new InvalidInputException.Field("password", "invalid_format")),
                wrong("{\"password\":\"x\\ud800y\"}"));
        assertEquals(
                List.of(new InvalidInputException.Field("roles", "invalid_format")),
                wrong("{\"roles\":[\"\\udc00\"]}"));
        assertEquals(
                "\uD83D\uDE00",
                JsonBodies.bind(parse("{\"username\":\"\\ud83d\\ude00\"}"), SampleRequest.class).username);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "[]", "\"text\"", "42", "null", "{", "{\"a\":1,\"a\":2}", "{\"a\":1} x"})
    void aBodyThatIsNotOneWellFormedObjectIsMalformed(String body) {
        assertThrows(JsonBodies.MalformedBodyException.class, () -> parse(body));
    }

    @Test
    void deepNestingIsMalformedNotAStackOverflow() {
        String deep = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";

        assertThrows(JsonBodies.MalformedBodyException.class, () -> parse(deep));
    }

    @Test
    void invalidUtf8IsMalformed() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        assertThrows(JsonBodies.MalformedBodyException.class, () -> JsonBodies.parseObject(body));
    }

    @Test
    void aStringMemberOfARawObjectIsCheckedTheSameWay() {
        assertEquals(
                "a@b.c",
                JsonBodies.string(parse("{\"email\":\"a@b.c\"}"), "email").orElseThrow());
        assertEquals(Optional.empty(), JsonBodies.string(parse("{\"email\":null}"), "email"));
        assertEquals(
                "invalid_type",
                assertThrows(
                                InvalidInputException.class,
                                () -> JsonBodies.string(parse("{\"email\":[\"a@b.c\"]}"), "email"))
                        .fields()
                        .get(0)
                        .violation());
    }
}
