package io.portero.platform.http;

import io.portero.platform.problem.Problem;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * Makes the OpenAPI document describe the API as it answers, in a form client generators accept:
 * <ul>
 *   <li>properties named as JSON-B writes them ({@code session_id}; the scanner reports Java names);
 *   <li>the answer Payara derives from a return type under 200, not {@code default} (see {@link #defaultAsOk});
 *   <li>the {@code Problem} schema (RFC 9457, with the stable {@code code} values as an enum, read
 *       from the message bundle that must name every code) on every 4xx and 5xx answer;
 *   <li>a request body read as JSON lines too ({@code application/x-ndjson}, {@code application/jsonl}) as
 *       an array of the annotation's schema, or text with one such item per line (see
 *       {@link #describeRequestBody});
 *   <li>each tag listed once (the scanner adds a tag per resource class that uses it), sorted;
 *   <li>without the top-level {@code endpoints} member Payara adds, which OpenAPI does not define.
 * </ul>
 */
public class OpenApiFilter implements OASFilter {

    /** The name of the problem schema under {@code components/schemas}. */
    public static final String PROBLEM_SCHEMA = "Problem";

    private static final String MESSAGES = "io.portero.platform.problem.messages";
    private static final String VIOLATION_PREFIX = "violation.";

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
                        .map(OpenApiFilter::snakeCase)
                        .toList());
            }
        }
        return schema;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.setTags(distinctTags(openAPI.getTags()));
        dropPayaraEndpoints(openAPI);
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        components.addSchema(PROBLEM_SCHEMA, problemSchema());
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            for (PathItem item : openAPI.getPaths().getPathItems().values()) {
                for (Operation operation : item.getOperations().values()) {
                    defaultAsOk(operation);
                    describeErrors(operation);
                    describeRequestBody(operation);
                }
            }
        }
    }

    /**
     * An operation without {@code @APIResponse} is described by Payara from its return type, as the
     * {@code default} answer; JAX-RS sends that entity with 200. (The only way to describe a list
     * of a named schema: {@code @Schema(type = ARRAY, ref = ...)} loses the array, and
     * {@code implementation} copies the schema inline.)
     */
    static void defaultAsOk(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null || responses.getAPIResponses() == null) {
            return;
        }
        Map<String, APIResponse> answers = responses.getAPIResponses();
        APIResponse fallback = answers.get(APIResponses.DEFAULT);
        boolean success = answers.keySet().stream().anyMatch(status -> status.startsWith("2"));
        if (fallback != null && fallback.getContent() != null && !success) {
            responses.removeAPIResponse(APIResponses.DEFAULT);
            responses.addAPIResponse("200", fallback.description("OK"));
        }
    }

    /** Media types of JSON lines: one JSON value per line. */
    static final List<String> JSON_LINES = List.of("application/x-ndjson", "application/jsonl");

    /**
     * A request body a method reads as JSON lines too: the schema its annotation names is that of
     * one item, so that the JSON body is an array of such items, and a JSON-lines body text with one
     * item per line. (Payara gives every media type the method consumes the annotation's one schema,
     * through one shared object, and cannot say "array of a named schema" in an annotation.)
     */
    static void describeRequestBody(Operation operation) {
        RequestBody body = operation.getRequestBody();
        if (body == null || body.getContent() == null || body.getContent().getMediaTypes() == null) {
            return;
        }
        Map<String, MediaType> types = body.getContent().getMediaTypes();
        MediaType json = types.get(JSON);
        if (json == null || json.getSchema() == null || types.keySet().stream().noneMatch(JSON_LINES::contains)) {
            return;
        }
        Content content = OASFactory.createContent();
        types.forEach(
                (type, media) -> content.addMediaType(
                        type,
                        OASFactory.createMediaType()
                                .schema(
                                        type.equals(JSON)
                                                ? OASFactory.createSchema()
                                                        .type(SchemaType.ARRAY)
                                                        .items(json.getSchema())
                                                : OASFactory.createSchema()
                                                        .type(SchemaType.STRING)
                                                        .description(
                                                                "JSON lines: each line one item of the application/json array"))));
        body.setContent(content);
    }

    private static final String JSON = "application/json";

    /** One tag per name, the first declaration (the one with a description) winning, sorted by name. */
    static List<Tag> distinctTags(List<Tag> tags) {
        if (tags == null) {
            return null;
        }
        Map<String, Tag> byName = new TreeMap<>();
        for (Tag tag : tags) {
            byName.merge(tag.getName(), tag, (first, later) -> first.getDescription() == null ? later : first);
        }
        return new ArrayList<>(byName.values());
    }

    /**
     * Payara writes the paths each application serves as a top-level {@code endpoints} member, set
     * on its own model class before filters run and not configurable; emptied here (Payara's
     * writer leaves empty maps out). Other implementations have no such member.
     */
    static void dropPayaraEndpoints(OpenAPI openAPI) {
        try {
            Method setter = openAPI.getClass().getMethod("setEndpoints", Map.class);
            setter.invoke(openAPI, new LinkedHashMap<String, Object>());
        } catch (NoSuchMethodException e) {
            // not Payara's model: nothing to drop
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot remove Payara's endpoints member from the OpenAPI document", e);
        }
    }

    /** Every error answer carries the problem body. */
    static void describeErrors(Operation operation) {
        if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
            return;
        }
        operation.getResponses().getAPIResponses().forEach((status, response) -> {
            if (isError(status)) {
                describeProblem(response);
            }
        });
    }

    static boolean isError(String status) {
        return status.length() == 3 && (status.charAt(0) == '4' || status.charAt(0) == '5');
    }

    private static void describeProblem(APIResponse response) {
        Content content = OASFactory.createContent()
                .addMediaType(
                        Problem.MEDIA_TYPE,
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA)));
        response.setContent(content);
    }

    /** The RFC 9457 body every error has, its {@code code} values being the ones the messages name. */
    static Schema problemSchema() {
        List<String> codes = new ArrayList<>();
        List<String> violationCodes = new ArrayList<>();
        ResourceBundle messages = ResourceBundle.getBundle(MESSAGES, Locale.ROOT);
        for (String key : Collections.list(messages.getKeys())) {
            if (key.startsWith(VIOLATION_PREFIX)) {
                violationCodes.add(key.substring(VIOLATION_PREFIX.length()));
            } else if (!key.startsWith("title.")) {
                codes.add(key);
            }
        }
        Collections.sort(codes);
        Collections.sort(violationCodes);
        Schema violation = schema(SchemaType.OBJECT)
                .description("One failed field check")
                .addProperty("field", string("The field, as named in the request (snake_case)"))
                .addProperty("code", string("What is wrong with it").enumeration(new ArrayList<>(violationCodes)))
                .addProperty("message", string("The same, localized"))
                .required(List.of("field", "code"));
        Schema liveSession = schema(SchemaType.OBJECT)
                .description("One of the user's live sessions")
                .addProperty("id", string(null).format("uuid"))
                .addProperty("device_label", string(null))
                .addProperty("ip_address", string(null))
                .addProperty("started_at", string(null).format("date-time"))
                .addProperty("last_activity_at", string(null).format("date-time"));
        return schema(SchemaType.OBJECT)
                .description("An error (RFC 9457 problem details, application/problem+json). "
                        + "Switch on `code`, not on `detail`.")
                .addProperty("type", string("urn:portero:problem:<code>"))
                .addProperty("title", string("The status, localized"))
                .addProperty("status", schema(SchemaType.INTEGER))
                .addProperty("detail", string("What happened, localized (Spanish; English by Accept-Language)"))
                .addProperty("instance", string("The request path"))
                .addProperty("code", string("Stable error code").enumeration(new ArrayList<>(codes)))
                .addProperty(
                        "violations",
                        schema(SchemaType.ARRAY)
                                .description("validation_failed: the failed checks")
                                .items(violation))
                .addProperty(
                        "sessions",
                        schema(SchemaType.ARRAY)
                                .description("session_limit_reached: the live sessions, one of which to end")
                                .items(liveSession))
                .addProperty("incident", string("internal_error: the id under which the failure is logged"))
                .required(List.of("type", "title", "status", "code"));
    }

    /**
     * A new schema of one type. MicroProfile OpenAPI 3 (Payara) sets it with {@code type(SchemaType)},
     * version 4 (WildFly) with {@code addType(SchemaType)}: whichever the running API has.
     */
    static Schema schema(SchemaType type) {
        Schema schema = OASFactory.createSchema();
        for (String setter : List.of("type", "addType")) {
            try {
                Schema.class.getMethod(setter, SchemaType.class).invoke(schema, type);
                return schema;
            } catch (NoSuchMethodException tryNext) {
                // the other version of the API
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot set the schema type " + type, e);
            }
        }
        throw new IllegalStateException("no way to set a schema type in this MicroProfile OpenAPI version");
    }

    private static Schema string(String description) {
        return schema(SchemaType.STRING).description(description);
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
        // MicroProfile OpenAPI 4 (WildFly) made the exclusive bounds numbers and dropped nullable:
        // looked up by name, so the same class runs on both API versions (on 4 nothing matches).
        clearIfFalse(schema, "ExclusiveMaximum");
        clearIfFalse(schema, "ExclusiveMinimum");
        clearIfFalse(schema, "Nullable");
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

    /** Unsets a {@code Boolean} schema attribute that holds {@code false}; no-op where the attribute is not a Boolean. */
    private static void clearIfFalse(Schema schema, String attribute) {
        try {
            Method getter = Schema.class.getMethod("get" + attribute);
            if (getter.getReturnType() != Boolean.class || !Boolean.FALSE.equals(getter.invoke(schema))) {
                return;
            }
            Schema.class.getMethod("set" + attribute, Boolean.class).invoke(schema, (Object) null);
        } catch (NoSuchMethodException e) {
            // this version of the API has no such attribute
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot clear the schema attribute " + attribute, e);
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
