package io.portero.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;

import io.portero.admin.boundary.CreateUserRequest;
import io.portero.auth.boundary.ChangePasswordRequest;
import io.portero.auth.boundary.ChangePasswordResource;
import io.portero.auth.boundary.LoginRequest;
import io.portero.auth.boundary.TokenResource;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The mapper fed by the real Bean Validation implementation checking the real request classes. */
class ConstraintViolationMapperTest {

    private static final Validator VALIDATOR =
            Validation.buildDefaultValidatorFactory().getValidator();

    /** Constraints no request class has (yet), for the mapper's rules that go beyond them. */
    @SuppressWarnings("unused")
    private static final class Sample {
        @NotNull
        @NotBlank
        String name = "ana";

        @Size(min = 8)
        String code = "12345678";

        @Size(max = 2, message = "unknown_role")
        List<String> roles = List.of();

        List<@NotBlank String> tags = List.of();

        @Valid
        Client client = new Client();
    }

    @SuppressWarnings("unused")
    private static final class Client {
        @Size(max = 150)
        String deviceLabel = "Firefox";
    }

    private static LoginRequest login(String username, String password, String endSession) {
        LoginRequest request = new LoginRequest();
        request.username = username;
        request.password = password;
        request.endSession = endSession;
        return request;
    }

    private static ChangePasswordRequest changePassword(String currentPassword, String newPassword) {
        ChangePasswordRequest request = new ChangePasswordRequest();
        request.currentPassword = currentPassword;
        request.newPassword = newPassword;
        return request;
    }

    private static CreateUserRequest createUser(String username, String email, List<String> roles) {
        CreateUserRequest request = new CreateUserRequest();
        request.username = username;
        request.password = "secret";
        request.email = email;
        request.roles = roles;
        return request;
    }

    /** The violations of a call to a resource method, as the JAX-RS runtime has them checked. */
    private static Set<ConstraintViolation<Object>> call(Class<?> resource, String method, Object request) {
        Method executable = Arrays.stream(resource.getMethods())
                .filter(m -> m.getName().equals(method))
                .findFirst()
                .orElseThrow();
        return VALIDATOR.forExecutables().validateParameters(mock(resource), executable, new Object[] {request});
    }

    private static Path pathOf(Set<? extends ConstraintViolation<?>> violations) {
        assertEquals(1, violations.size(), violations::toString);
        return violations.iterator().next().getPropertyPath();
    }

    private static Response map(String acceptLanguage, Set<? extends ConstraintViolation<?>> violations) {
        ConstraintViolationMapper mapper = new ConstraintViolationMapper();
        mapper.headers = RequestStubs.acceptLanguage(acceptLanguage);
        mapper.uriInfo = RequestStubs.requestUri("/api/token");
        return mapper.toResponse(new ConstraintViolationException(violations));
    }

    @SuppressWarnings("unchecked")
    private static List<Problem.Violation> violations(Response response) {
        return (List<Problem.Violation>) ((Map<String, Object>) response.getEntity()).get("violations");
    }

    private static List<String> codes(Response response) {
        return violations(response).stream()
                .map(v -> v.field() + ":" + v.code())
                .toList();
    }

    @Test
    void theFieldIsTheLastPropertyInSnakeCase() {
        assertEquals(
                "current_password",
                ConstraintViolationMapper.fieldOf(
                        pathOf(call(ChangePasswordResource.class, "change", changePassword(null, "new password")))));
        assertEquals(
                "username",
                ConstraintViolationMapper.fieldOf(pathOf(call(TokenResource.class, "login", login(" ", "pw", null)))));
    }

    @Test
    void aWholeBodyThatFailsIsReportedAsBody() {
        assertEquals("body", ConstraintViolationMapper.fieldOf(pathOf(call(TokenResource.class, "login", null))));
    }

    @Test
    void anElementOfACollectionIsReportedAsItsProperty() {
        Sample sample = new Sample();
        sample.tags = List.of("ok", " ");

        assertEquals("tags", ConstraintViolationMapper.fieldOf(pathOf(VALIDATOR.validate(sample))));
    }

    @Test
    void aNestedPropertyIsReportedByItsOwnName() {
        Sample sample = new Sample();
        sample.client.deviceLabel = "d".repeat(151);

        assertEquals("device_label", ConstraintViolationMapper.fieldOf(pathOf(VALIDATOR.validate(sample))));
    }

    @Test
    void aFailedLoginBodyIs400ValidationFailedWithOneEntryPerField() {
        Response response = map("en", call(TokenResource.class, "login", login(" ", "x".repeat(1025), "not-a-uuid")));

        assertEquals(400, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) response.getEntity();
        assertEquals("validation_failed", body.get("code"));
        assertEquals("/api/token", body.get("instance"));
        assertEquals(
                List.of(
                        new Problem.Violation("end_session", "invalid_format", "The format is not valid."),
                        new Problem.Violation("password", "too_long", "This field is too long."),
                        new Problem.Violation("username", "required", "This field is required.")),
                violations(response));
    }

    static Stream<Arguments> standardConstraints() {
        Sample shortCode = new Sample();
        shortCode.code = "1234567";
        return Stream.of(
                Arguments.of(login("", "pw", null), "username", "required"),
                Arguments.of(login("ana", null, null), "password", "required"),
                Arguments.of(login("ana", "", null), "password", "required"),
                Arguments.of(login("a".repeat(151), "pw", null), "username", "too_long"),
                Arguments.of(login("ana", "pw", "not-a-uuid"), "end_session", "invalid_format"),
                Arguments.of(changePassword("", "new password"), "current_password", "required"),
                Arguments.of(changePassword("old", "n".repeat(1025)), "new_password", "too_long"),
                Arguments.of(createUser("ana", "ana@", List.of()), "email", "invalid_email"),
                Arguments.of(createUser("ana", null, List.of("user", "admin", "user")), "roles", "too_long"),
                Arguments.of(shortCode, "code", "too_short"));
    }

    @ParameterizedTest
    @MethodSource("standardConstraints")
    void eachStandardConstraintHasItsStableCode(Object request, String field, String code) {
        Response response = map(null, VALIDATOR.validate(request));

        assertEquals(
                List.of(new Problem.Violation(field, code, Messages.text("violation." + code, Messages.SPANISH))),
                violations(response));
    }

    @Test
    void aConstraintWhoseMessageIsACodeKeepsThatCode() {
        Sample sample = new Sample();
        sample.roles = List.of("user", "admin", "root");

        assertEquals(
                List.of(new Problem.Violation("roles", "unknown_role", "Unknown role (use user or admin).")),
                violations(map("en", VALIDATOR.validate(sample))));
    }

    @Test
    void theSameFieldAndCodeIsListedOnce() {
        Sample sample = new Sample();
        sample.name = null;
        Set<ConstraintViolation<Sample>> both = VALIDATOR.validate(sample);

        assertEquals(2, both.size());
        assertEquals(
                List.of(new Problem.Violation("name", "required", "Este campo es obligatorio.")),
                violations(map(null, both)));
    }

    @Test
    void violationsAreOrderedByFieldThenCode() {
        Response response = map(null, call(TokenResource.class, "login", login("", "", "x")));
        Response create = map(null, VALIDATOR.validate(createUser("", "ana@", List.of("a", "b", "c"))));

        assertEquals(List.of("end_session:invalid_format", "password:required", "username:required"), codes(response));
        assertEquals(
                List.of("email:invalid_email", "roles:too_long", "username:invalid_format", "username:required"),
                codes(create));
    }

    @ParameterizedTest
    @CsvSource({
        "currentPassword, current_password",
        "sessionId, session_id",
        "username, username",
        "lastActivityAt, last_activity_at"
    })
    void javaNamesBecomeJsonNames(String java, String json) {
        assertEquals(json, ConstraintViolationMapper.snakeCase(java));
    }
}
