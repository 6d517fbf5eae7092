package io.portero.platform.http;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The API's JSON conventions: snake_case field names, ISO-8601 instants, absent values written as null. Every
 * JSON the service writes, through JAX-RS or the error servlet, uses this configuration.
 */
@Provider
public class JsonConfiguration implements ContextResolver<Jsonb> {

    private static final Jsonb JSONB = create();

    public static Jsonb create() {
        return JsonbBuilder.create(new JsonbConfig()
                .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
                .withNullValues(true));
    }

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
