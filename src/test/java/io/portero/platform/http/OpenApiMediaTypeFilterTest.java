package io.portero.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class OpenApiMediaTypeFilterTest {

    @Test
    void payarasPlainTextYamlIsLabelledYaml() {
        assertEquals("application/yaml", OpenApiMediaTypeFilter.relabel("text/plain"));
        assertEquals("application/yaml;charset=UTF-8", OpenApiMediaTypeFilter.relabel("text/plain;charset=UTF-8"));
    }

    @Test
    void otherTypesPass() {
        assertEquals("application/json", OpenApiMediaTypeFilter.relabel("application/json"));
        assertNull(OpenApiMediaTypeFilter.relabel(null));
    }

    @Test
    void aYamlAcceptIsAskedOfPayaraAsPlainText() {
        assertEquals("text/plain", OpenApiMediaTypeFilter.accept("application/yaml"));
        assertEquals(
                "text/plain, text/plain;q=0.5", OpenApiMediaTypeFilter.accept("application/x-yaml, text/yaml;q=0.5"));
        assertEquals("application/json", OpenApiMediaTypeFilter.accept("application/json"));
    }
}
