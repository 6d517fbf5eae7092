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
        Map<String, Schema> properties = schema.getProperties();
        if (properties != null && !properties.isEmpty()) {
            Map<String, Schema> renamed = new LinkedHashMap<>();
            properties.forEach((name, property) -> renamed.put(snakeCase(name), property));
            schema.setProperties(renamed);
            if (schema.getRequired() != null) {
                schema.setRequired(schema.getRequired().stream().map(SnakeCaseSchemas::snakeCase).toList());
            }
        }
        return schema;
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
