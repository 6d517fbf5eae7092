package io.portero.platform.http;

import io.portero.platform.problem.InvalidInputException;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Strict reading of request bodies. A body must be one JSON object in valid UTF-8, without
 * duplicate member names and at most {@value #MAX_DEPTH} levels deep, or it is malformed. Members
 * are bound to a request class's public fields by their snake_case names, and only a value of the
 * field's own JSON type is taken: a string field accepts a JSON string (or null), a boolean field
 * {@code true}/{@code false}, a list field an array of strings. Nothing is coerced: an array where a
 * string belongs is a violation ({@code invalid_type}) naming the field, never its first element. No
 * string may hold a NUL character or a lone surrogate ({@code invalid_format}), which no database
 * column stores faithfully. Unknown members are ignored.
 */
public final class JsonBodies {

    public static final int MAX_DEPTH = 32;

    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of(
            JsonConfig.KEY_STRATEGY,
            JsonConfig.KeyStrategy.NONE,
            "org.eclipse.parsson.rejectDuplicateKeys",
            true,
            "org.eclipse.parsson.maxDepth",
            MAX_DEPTH));

    private static final Map<Class<?>, List<Member>> MEMBERS = new ConcurrentHashMap<>();

    private JsonBodies() {}

    /** A request body that is not one well-formed JSON object. */
    public static class MalformedBodyException extends RuntimeException {

        public MalformedBodyException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Parses a body into a JSON object, or throws {@link MalformedBodyException}. */
    public static JsonObject parseObject(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedBodyException("body is not valid UTF-8", e);
        }
        if (text.isBlank()) {
            throw new MalformedBodyException("empty body", null);
        }
        JsonValue value;
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            parser.next();
            value = parser.getValue();
            if (parser.hasNext()) {
                throw new MalformedBodyException("content after the JSON value", null);
            }
        } catch (MalformedBodyException e) {
            throw e;
        } catch (JsonException | IllegalStateException | NumberFormatException | ArithmeticException e) {
            throw new MalformedBodyException("body is not valid JSON: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // Parsers signal nesting and size limits in several ways; any failure to read is the body's fault.
            throw new MalformedBodyException("body could not be parsed: " + e, e);
        }
        if (!(value instanceof JsonObject object)) {
            throw new MalformedBodyException("body is not a JSON object", null);
        }
        return object;
    }

    /**
     * Binds a JSON object to a new instance of a request class, or throws
     * {@link InvalidInputException} listing every member of the wrong type.
     */
    public static <T> T bind(JsonObject object, Class<T> type) {
        List<Member> members = MEMBERS.computeIfAbsent(type, JsonBodies::membersOf);
        T instance;
        try {
            instance = type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " needs a public no-argument constructor", e);
        }
        List<InvalidInputException.Field> wrong = new ArrayList<>();
        for (Member member : members) {
            JsonValue value = object.get(member.json());
            if (value == null || value == JsonValue.NULL) {
                continue;
            }
            Object converted = member.kind().convert(value);
            if (converted == null) {
                wrong.add(new InvalidInputException.Field(member.json(), "invalid_type"));
            } else if (!isStorableText(converted)) {
                wrong.add(new InvalidInputException.Field(member.json(), "invalid_format"));
            } else {
                try {
                    member.field().set(instance, converted);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        if (!wrong.isEmpty()) {
            throw new InvalidInputException(wrong);
        }
        return instance;
    }

    /** The string value of a member that must be a string: empty when absent or null. */
    public static Optional<String> string(JsonObject object, String member) {
        JsonValue value = object.get(member);
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof JsonString text)) {
            throw new InvalidInputException(member, "invalid_type");
        }
        if (!isStorableText(text.getString())) {
            throw new InvalidInputException(member, "invalid_format");
        }
        return Optional.of(text.getString());
    }

    /** Whether text holds no NUL and no lone surrogate (lists: each element). */
    static boolean isStorableText(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().allMatch(JsonBodies::isStorableText);
        }
        if (!(value instanceof String text)) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private record Member(String json, Field field, Kind kind) {}

    private enum Kind {
        STRING {
            @Override
            Object convert(JsonValue value) {
                return value instanceof JsonString text ? text.getString() : null;
            }
        },
        BOOLEAN {
            @Override
            Object convert(JsonValue value) {
                return value == JsonValue.TRUE ? Boolean.TRUE : value == JsonValue.FALSE ? Boolean.FALSE : null;
            }
        },
        STRING_LIST {
            @Override
            Object convert(JsonValue value) {
                if (!(value instanceof JsonArray array)) {
                    return null;
                }
                List<String> strings = new ArrayList<>(array.size());
                for (JsonValue element : array) {
                    if (!(element instanceof JsonString text)) {
                        return null;
                    }
                    strings.add(text.getString());
                }
                return strings;
            }
        };

        abstract Object convert(JsonValue value);

        static Kind of(Field field) {
            Class<?> type = field.getType();
            if (type == String.class) {
                return STRING;
            }
            if (type == Boolean.class) {
                return BOOLEAN;
            }
            Type generic = field.getGenericType();
            if (type == List.class
                    && generic instanceof ParameterizedType parameterized
                    && parameterized.getActualTypeArguments()[0] == String.class) {
                return STRING_LIST;
            }
            throw new IllegalStateException("Unsupported request field type " + generic + " of " + field);
        }
    }

    private static List<Member> membersOf(Class<?> type) {
        List<Member> members = new ArrayList<>();
        for (Field field : type.getFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                members.add(new Member(OpenApiFilter.snakeCase(field.getName()), field, Kind.of(field)));
            }
        }
        return List.copyOf(members);
    }
}
