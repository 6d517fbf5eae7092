package io.portero.platform.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ControlCharacterQueryFilterTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\u0000",
                "abc\u0000",
                "2026-11-28T06:00:00Z\u0000",
                "a\nb",
                "a\rb",
                "\t",
                "\u001b[0m",
                "\u007f",
                "\u0085"
            })
    void aValueWithAControlCharacterNamesItsParameter(String value) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("page", List.of("1"));
        parameters.put("q", List.of("fine", value));

        assertEquals(Optional.of("q"), ControlCharacterQueryFilter.offending(parameters));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " padded ", "' OR 1=1--", "ｂｏｂ", "José", "a%00b", "\ufffd"})
    void printableValuesPass(String value) {
        assertEquals(Optional.empty(), ControlCharacterQueryFilter.offending(Map.of("q", List.of(value))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"q\u0000", "\n"})
    void aControlCharacterInANameIsRefusedToo(String name) {
        assertEquals(Optional.of(name), ControlCharacterQueryFilter.offending(Map.of(name, List.of("x"))));
    }
}
