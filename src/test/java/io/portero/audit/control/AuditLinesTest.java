package io.portero.audit.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditLinesTest {

    @Test
    void writesQuotedFieldsInOrderAndLeavesOutEmptyOnes() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", "LOGIN_ERROR");
        fields.put("username", "alice");
        fields.put("session_id", null);
        fields.put("ip", " ");
        assertEquals("audit type=\"LOGIN_ERROR\" username=\"alice\"", AuditLines.line(fields));
    }

    @Test
    void aNameTriedCannotForgeALineOrAField() {
        String line = AuditLines.line(Map.of("username", "x\" outcome=\"SUCCESS\nfake line\\"));
        assertFalse(line.contains("\n"), line);
        assertEquals("audit username=\"x\\\" outcome=\\\"SUCCESS?fake line\\\\\"", line);
    }
}
