package io.portero.platform.http;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Makes the OpenAPI document name properties as the API writes them: the scanner reports Java
 * names ({@code sessionId}), JSON-B writes {@code session_id}.
 */
public class SnakeCaseSchemas implements OASFilter {

    @Override
    public Schema filterSchema(Schema schema) {
        dropAnnotationDefaults(schema);
        Map<String, Schema> properties = schema.getProperties();
        if (properties != null && !properties.isEmpty()) {
            Map<String, Schema> renamed = new LinkedHashMap<>();
            properties.forEach((name, property) -> renamed.put(snakeCase(name), property));
            schema.setProperties(renamed);
            if (schema.getRequired() != null) {
                schema.setRequired(schema.getRequired().stream()
                        .map(SnakeCaseSchemas::snakeCase)
                        .toList());
            }
        }
        return schema;
    }

    /**
     * A {@code @Schema} annotation (used only to name a schema) makes Payara write every attribute
     * the annotation left at its default: {@code maxProperties: 0} would even forbid every
     * property. Those defaults mean "not set"; they are removed. ({@code minLength: 0}, which the
     * scanner also writes for {@code @Size}, is harmless and left as it always was.)
     */
    static void dropAnnotationDefaults(Schema schema) {
        if (Boolean.FALSE.equals(schema.getDeprecated())) {
            schema.setDeprecated(null);
        }
        if (Boolean.FALSE.equals(schema.getExclusiveMaximum())) {
            schema.setExclusiveMaximum(null);
        }
        if (Boolean.FALSE.equals(schema.getExclusiveMinimum())) {
            schema.setExclusiveMinimum(null);
        }
        if (Boolean.FALSE.equals(schema.getNullable())) {
            schema.setNullable(null);
        }
        if (Boolean.FALSE.equals(schema.getReadOnly())) {
            schema.setReadOnly(null);
        }
        if (Boolean.FALSE.equals(schema.getWriteOnly())) {
            schema.setWriteOnly(null);
        }
        if (Boolean.FALSE.equals(schema.getUniqueItems())) {
            schema.setUniqueItems(null);
        }
        if (Integer.valueOf(0).equals(schema.getMaxProperties())) {
            schema.setMaxProperties(null);
        }
        if (Integer.valueOf(0).equals(schema.getMinProperties())) {
            schema.setMinProperties(null);
        }
    }

    /** {@code sessionId} → {@code session_id}. */
    public static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
