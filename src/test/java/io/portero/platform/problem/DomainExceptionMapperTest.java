package io.portero.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.portero.accounts.entity.AccountDisabledException;
import io.portero.accounts.entity.HashingCapacityExceededException;
import io.portero.accounts.entity.InvalidCredentialsException;
import io.portero.accounts.entity.PasswordRejectedException;
import io.portero.accounts.entity.UsernameTakenException;
import io.portero.auth.entity.InvalidClientException;
import io.portero.auth.entity.TooManyAttemptsException;
import io.portero.sessions.entity.EndReason;
import io.portero.sessions.entity.LiveSessionView;
import io.portero.sessions.entity.SessionLimitReachedException;
import io.portero.sessions.entity.SessionNotLiveException;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DomainExceptionMapperTest {

    private static DomainExceptionMapper mapper(String acceptLanguage, String uri) {
        DomainExceptionMapper mapper = new DomainExceptionMapper();
        mapper.headers = RequestStubs.acceptLanguage(acceptLanguage);
        mapper.uriInfo = RequestStubs.requestUri(uri);
        return mapper;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Response response) {
        return (Map<String, Object>) response.getEntity();
    }

    @Test
    void aRefusedLoginIs409WithItsCodeAndTheLiveSessions() {
        LiveSessionView live = new LiveSessionView(
                UUID.randomUUID(),
                "Chrome on Android",
                "203.0.113.9",
                Instant.parse("2026-11-28T06:00:00Z"),
                Instant.parse("2026-11-28T06:10:00Z"));

        Response response = mapper(null, "http://localhost:8080/api/token")
                .toResponse(SessionLimitReachedException.limitReached(List.of(live)));

        assertEquals(409, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        Map<String, Object> body = body(response);
        assertEquals("session_limit_reached", body.get("code"));
        assertEquals("urn:portero:problem:session_limit_reached", body.get("type"));
        assertEquals(409, body.get("status"));
        assertEquals("Máximo de dispositivos conectados", body.get("detail"));
        assertEquals("/api/token", body.get("instance"));
        assertEquals(List.of(live), body.get("sessions"));
        assertNull(response.getHeaderString("WWW-Authenticate"));
    }

    @Test
    void englishIsChosenFromAcceptLanguage() {
        Response response =
                mapper("fr, en;q=0.5", "/api/token").toResponse(SessionLimitReachedException.limitReached(List.of()));

        assertEquals(
                "Maximum number of connected devices reached", body(response).get("detail"));
        assertEquals("Conflict", body(response).get("title"));
    }

    @Test
    void anUnsupportedLanguageIsAnsweredInSpanish() {
        Response response = mapper("de", "/api/admin/users").toResponse(new UsernameTakenException());

        assertEquals("Ese nombre de usuario ya existe.", body(response).get("detail"));
    }

    @Test
    void aMalformedAcceptLanguageIsAnsweredInSpanish() {
        Response response = mapper("en;q=not-a-number", "/api/admin/users").toResponse(new UsernameTakenException());

        assertEquals("Ese nombre de usuario ya existe.", body(response).get("detail"));
        assertEquals("username_taken", body(response).get("code"));
    }

    @Test
    void aDeadSessionAsksForANewBearerToken() {
        Response response = mapper(null, "/api/me").toResponse(new SessionNotLiveException(EndReason.IDLE_TIMEOUT));

        assertEquals(401, response.getStatus());
        assertEquals("Bearer error=\"invalid_token\"", response.getHeaderString("WWW-Authenticate"));
        assertEquals("session_expired", body(response).get("code"));
    }

    @Test
    void aFailedLoginChallengesWithoutBlamingAToken() {
        Response response = mapper(null, "/api/token/").toResponse(new InvalidCredentialsException());

        assertEquals(401, response.getStatus());
        assertEquals(
                "Bearer",
                response.getHeaderString("WWW-Authenticate"),
                "no token was sent: a client must not refresh and retry");
        assertEquals("invalid_credentials", body(response).get("code"));
    }

    @Test
    void anUnauthenticatedIntrospectionClientIsChallengedForBasic() {
        Response response = mapper(null, "/api/token/introspect").toResponse(new InvalidClientException());

        assertEquals(401, response.getStatus());
        assertEquals("Basic realm=\"portero\"", response.getHeaderString("WWW-Authenticate"));
        assertEquals("invalid_client", body(response).get("code"));
    }

    @Test
    void anEndedSessionTellsWhyItEnded() {
        Response response = mapper("en", "/api/me").toResponse(new SessionNotLiveException(EndReason.EVICTED));

        assertEquals("session_evicted", body(response).get("code"));
        assertEquals(
                "The session was ended because a newer login took its place.",
                body(response).get("detail"));
    }

    @Test
    void otherStatusesCarryNoAuthenticationChallenge() {
        Response forbidden = mapper(null, "/api/token").toResponse(new AccountDisabledException());
        Response busy = mapper(null, "/api/token").toResponse(new HashingCapacityExceededException());

        assertEquals(403, forbidden.getStatus());
        assertEquals("account_disabled", body(forbidden).get("code"));
        assertNull(forbidden.getHeaderString("WWW-Authenticate"));
        assertEquals(503, busy.getStatus());
        assertEquals("service_busy", body(busy).get("code"));
        assertNull(busy.getHeaderString("WWW-Authenticate"));
    }

    @Test
    void aBusyHasherAsksTheClientToRetryLater() {
        Response busy = mapper(null, "/api/token").toResponse(new HashingCapacityExceededException());

        assertEquals(503, busy.getStatus());
        assertEquals("2", busy.getHeaderString("Retry-After"));
    }

    @Test
    void aRuleAboutTheRequestItselfCarriesNoRetryAfter() {
        Response forbidden = mapper(null, "/api/token").toResponse(new AccountDisabledException());

        assertNull(forbidden.getHeaderString("Retry-After"));
    }

    @Test
    void aRejectedPasswordListsItsViolationsInTheCallersLanguage() {
        PasswordRejectedException e = new PasswordRejectedException(List.of(
                new PasswordRejectedException.Broken("new_password", "too_short"),
                new PasswordRejectedException.Broken("new_password", "same_as_current")));

        Response response = mapper("en-US", "/api/me/password").toResponse(e);

        assertEquals(400, response.getStatus());
        assertEquals("validation_failed", body(response).get("code"));
        assertEquals(
                List.of(
                        new Problem.Violation("new_password", "too_short", "This field is too short."),
                        new Problem.Violation(
                                "new_password",
                                "same_as_current",
                                "The new password must differ from the current one.")),
                body(response).get("violations"));
    }

    @Test
    void withoutRequestContextTheProblemIsSpanishWithoutInstance() {
        Response response = mapper(null, null).toResponse(new UsernameTakenException());

        assertEquals(409, response.getStatus());
        assertEquals("Conflicto", body(response).get("title"));
        assertNull(body(response).get("instance"));
    }

    @Test
    void theInstanceIsTheRawPathWithoutQuery() {
        Response response = mapper(null, "https://portero.example/api/admin/users/ana%20maria?x=1")
                .toResponse(new UsernameTakenException());

        assertEquals("/api/admin/users/ana%20maria", body(response).get("instance"));
    }

    @Test
    void tooManyAttemptsIs429WithRetryAfter() {
        Response response =
                mapper("en", "http://localhost:8080/api/token").toResponse(new TooManyAttemptsException(42));

        assertEquals(429, response.getStatus());
        assertEquals("42", response.getHeaderString("Retry-After"));
        assertEquals("too_many_attempts", body(response).get("code"));
        assertEquals("Too many requests", body(response).get("title"));
        assertNull(response.getHeaderString("WWW-Authenticate"));
    }
}
