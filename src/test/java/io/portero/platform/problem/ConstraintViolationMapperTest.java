package io.portero.platform.problem;

import static io.portero.platform.problem.FakeViolation.path;
import static jakarta.validation.ElementKind.CONTAINER_ELEMENT;
import static jakarta.validation.ElementKind.METHOD;
import static jakarta.validation.ElementKind.PARAMETER;
import static jakarta.validation.ElementKind.PROPERTY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.Annotation;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ConstraintViolationMapperTest {

    /** Where the real constraint annotations come from, as a request record declares them. */
    @SuppressWarnings("unused")
    private static final class Request {
        @NotNull
        @NotBlank
        String username;
        @Size(min = 1, max = 1024)
        String currentPassword;
        @Size(min = 8, max = 128)
        String newPassword;
        @Size(max = 150)
        String deviceLabel;
        @Email
        String email;
        @Pattern(regexp = "[0-9a-f-]{36}")
        String endSession;
    }

    private static <A extends Annotation> A constraint(String field, Class<A> type) {
        try {
            return Request.class.getDeclaredField(field).getAnnotation(type);
        } catch (NoSuchFieldException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Response map(String acceptLanguage, ConstraintViolation<?>... violations) {
        ConstraintViolationMapper mapper = new ConstraintViolationMapper();
        mapper.headers = acceptLanguage == null ? null : FakeHeaders.acceptLanguage(acceptLanguage);
        mapper.uriInfo = FakeUriInfo.request("/api/token");
        return mapper.toResponse(new ConstraintViolationException(new LinkedHashSet<>(List.of(violations))));
    }

    @SuppressWarnings("unchecked")
    private static List<Problem.Violation> violations(Response response) {
        return (List<Problem.Violation>) ((Map<String, Object>) response.getEntity()).get("violations");
    }

    @Test
    void theFieldIsTheLastPropertyInSnakeCase() {
        assertEquals("current_password",
                ConstraintViolationMapper.fieldOf(path(METHOD, "login", PARAMETER, "request", PROPERTY, "currentPassword")));
        assertEquals("username",
                ConstraintViolationMapper.fieldOf(path(METHOD, "login", PARAMETER, "request", PROPERTY, "username")));
    }

    @Test
    void aWholeBodyThatFailsIsReportedAsBody() {
        assertEquals("body", ConstraintViolationMapper.fieldOf(path(METHOD, "login", PARAMETER, "request")));
        assertEquals("body", ConstraintViolationMapper.fieldOf(path()));
    }

    @Test
    void anElementOfACollectionIsReportedAsItsProperty() {
        assertEquals("roles", ConstraintViolationMapper.fieldOf(
                path(METHOD, "create", PARAMETER, "request", PROPERTY, "roles", CONTAINER_ELEMENT, "<list element>")));
    }

    @Test
    void aNestedPropertyIsReportedByItsOwnName() {
        assertEquals("device_label", ConstraintViolationMapper.fieldOf(
                path(METHOD, "login", PARAMETER, "request", PROPERTY, "client", PROPERTY, "deviceLabel")));
    }

    @Test
    void aFailedLoginBodyIs400ValidationFailedWithOneEntryPerField() {
        Response response = map("en",
                FakeViolation.of(constraint("username", NotBlank.class), " ",
                        path(METHOD, "login", PARAMETER, "request", PROPERTY, "username")),
                FakeViolation.of(constraint("currentPassword", Size.class), "x".repeat(1025),
                        path(METHOD, "login", PARAMETER, "request", PROPERTY, "currentPassword")),
                FakeViolation.of(constraint("deviceLabel", Size.class), "d".repeat(151),
                        path(METHOD, "login", PARAMETER, "request", PROPERTY, "deviceLabel")));

        assertEquals(400, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) response.getEntity();
        assertEquals("validation_failed", body.get("code"));
        assertEquals("/api/token", body.get("instance"));
        assertEquals(List.of(
                new Problem.Violation("current_password", "too_long", "This field is too long."),
                new Problem.Violation("device_label", "too_long", "This field is too long."),
                new Problem.Violation("username", "required", "This field is required.")), violations(response));
    }

    static Stream<Arguments> standardConstraints() {
        return Stream.of(
                Arguments.of("username", NotBlank.class, "", "required"),
                Arguments.of("username", NotNull.class, null, "required"),
                Arguments.of("currentPassword", Size.class, "", "required"),
                Arguments.of("newPassword", Size.class, "short", "too_short"),
                Arguments.of("deviceLabel", Size.class, "d".repeat(151), "too_long"),
                Arguments.of("email", Email.class, "ana@", "invalid_email"),
                Arguments.of("endSession", Pattern.class, "not-a-uuid", "invalid_format"));
    }

    @ParameterizedTest
    @MethodSource("standardConstraints")
    void eachStandardConstraintHasItsStableCode(String field, Class<? extends Annotation> type, Object invalid, String code) {
        Response response = map(null, FakeViolation.of(constraint(field, type), invalid,
                path(METHOD, "call", PARAMETER, "request", PROPERTY, field)));

        Problem.Violation violation = violations(response).get(0);
        assertEquals(code, violation.code());
        assertEquals(Messages.text("violation." + code, Messages.SPANISH), violation.message());
    }

    @Test
    void aConstraintWhoseMessageIsACodeKeepsThatCode() {
        Response response = map("en", FakeViolation.withCode(constraint("username", NotNull.class), "root",
                path(METHOD, "create", PARAMETER, "request", PROPERTY, "roles"), "unknown_role"));

        assertEquals(List.of(new Problem.Violation("roles", "unknown_role", "Unknown role (use user or admin).")),
                violations(response));
    }

    @Test
    void theSameFieldAndCodeIsListedOnce() {
        Response response = map(null,
                FakeViolation.of(constraint("username", NotNull.class), null,
                        path(METHOD, "login", PARAMETER, "request", PROPERTY, "username")),
                FakeViolation.of(constraint("username", NotBlank.class), null,
                        path(METHOD, "login", PARAMETER, "request", PROPERTY, "username")));

        assertEquals(List.of(new Problem.Violation("username", "required", "Este campo es obligatorio.")),
                violations(response));
    }

    @Test
    void violationsAreOrderedByFieldThenCode() {
        Set<ConstraintViolation<?>> unordered = new LinkedHashSet<>(List.of(
                FakeViolation.of(constraint("username", NotBlank.class), "",
                        path(METHOD, "create", PARAMETER, "request", PROPERTY, "username")),
                FakeViolation.withCode(constraint("email", Email.class), "ana@",
                        path(METHOD, "create", PARAMETER, "request", PROPERTY, "email"), "too_long"),
                FakeViolation.of(constraint("email", Email.class), "ana@",
                        path(METHOD, "create", PARAMETER, "request", PROPERTY, "email"))));

        Response response = map(null, unordered.toArray(ConstraintViolation[]::new));

        assertEquals(List.of("email:invalid_email", "email:too_long", "username:required"),
                violations(response).stream().map(v -> v.field() + ":" + v.code()).toList());
    }

    @ParameterizedTest
    @CsvSource({"currentPassword, current_password", "sessionId, session_id", "username, username",
            "lastActivityAt, last_activity_at"})
    void javaNamesBecomeJsonNames(String java, String json) {
        assertEquals(json, ConstraintViolationMapper.snakeCase(java));
    }
}
