package io.portero.auth.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ForwardAuthResourceTest {

    @Test
    void anAsciiUsernameIsSentUnchanged() {
        assertEquals("maria.lopez+test@example_1-a", ForwardAuthResource.headerValue("maria.lopez+test@example_1-a"));
    }

    @Test
    void nonAsciiLettersArePercentEncodedInUtf8() {
        assertEquals("mar%C3%ADa", ForwardAuthResource.headerValue("maría"));
        assertEquals("%E7%8E%8B", ForwardAuthResource.headerValue("王"));
    }
}
