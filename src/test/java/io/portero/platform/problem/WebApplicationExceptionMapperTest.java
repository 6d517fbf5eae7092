package io.portero.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.portero.platform.http.BodyTooLargeException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.InternalServerErrorException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebApplicationExceptionMapperTest {

    private final Logger log = Logger.getLogger(ThrowableMapper.class.getName());
    private Level level;

    @BeforeEach
    void silenceTheIncidentLog() {
        level = log.getLevel();
        log.setLevel(Level.OFF);
    }

    @AfterEach
    void restoreTheIncidentLog() {
        log.setLevel(level);
    }

    private static Response map(WebApplicationException e) {
        return map(e, null);
    }

    private static Response map(WebApplicationException e, String acceptLanguage) {
        return map(e, acceptLanguage, null);
    }

    private static Response map(WebApplicationException e, String acceptLanguage, SecurityContext security) {
        WebApplicationExceptionMapper mapper = new WebApplicationExceptionMapper();
        mapper.headers = RequestStubs.acceptLanguage(acceptLanguage);
        mapper.uriInfo = RequestStubs.requestUri("/api/somewhere");
        mapper.security = security;
        return mapper.toResponse(e);
    }

    private static SecurityContext caller(Principal principal) {
        SecurityContext security = mock(SecurityContext.class);
        when(security.getUserPrincipal()).thenReturn(principal);
        return security;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Response response) {
        return (Map<String, Object>) response.getEntity();
    }

    private static void assertProblem(int status, String code, Response response) {
        assertEquals(status, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        assertEquals(code, body(response).get("code"));
        assertEquals(status, body(response).get("status"));
        assertEquals("urn:portero:problem:" + code, body(response).get("type"));
        assertEquals("/api/somewhere", body(response).get("instance"));
    }

    @Test
    void anUnknownRouteIs404NotFound() {
        Response response = map(new NotFoundException(), "en");

        assertProblem(404, "not_found", response);
        assertEquals("The requested resource does not exist.", body(response).get("detail"));
    }

    @Test
    void aWrongMethodIs405AndKeepsTheAllowHeader() {
        Response response = map(new NotAllowedException("POST"));

        assertProblem(405, "method_not_allowed", response);
        assertEquals("POST", response.getHeaderString("Allow"));
        assertEquals(
                "El método HTTP no está permitido en este recurso.",
                body(response).get("detail"));
    }

    @Test
    void aWrongContentTypeIs415() {
        assertProblem(415, "unsupported_media_type", map(new NotSupportedException()));
    }

    @Test
    void anUnacceptableFormatIs406() {
        assertProblem(406, "not_acceptable", map(new NotAcceptableException()));
    }

    @Test
    void aBodyThatIsNotJsonIs400MalformedJson() {
        assertProblem(
                400,
                "malformed_json",
                map(new BadRequestException("unreadable", new JsonbException("Unexpected char"))));
        assertProblem(
                400,
                "malformed_json",
                map(new BadRequestException(new IllegalStateException(new JsonbException("nested")))));
    }

    @Test
    void aJsonParsingFailureIs400MalformedJson() {
        JsonParsingException parsing = new JsonParsingException("Unexpected EOF", null);

        assertProblem(400, "malformed_json", map(new BadRequestException(parsing)));
    }

    @Test
    void anyOtherBadRequestIs400BadRequest() {
        assertProblem(400, "bad_request", map(new BadRequestException()));
        assertProblem(400, "bad_request", map(new BadRequestException(new NumberFormatException("x"))));
    }

    @Test
    void aBodyOverTheLimitIs413WhateverStatusTheRuntimeChose() {
        Response response = map(new BadRequestException(new BodyTooLargeException(65_536)), "en");

        assertProblem(413, "payload_too_large", response);
        assertEquals("Payload too large", body(response).get("title"));
    }

    @Test
    void aMissingRoleIs403Forbidden() {
        Response response = map(new ForbiddenException());

        assertProblem(403, "forbidden", response);
        assertNull(response.getHeaderString("WWW-Authenticate"));
    }

    @Test
    void aMissingRoleOfAnAuthenticatedCallerIs403() {
        Response response = map(new ForbiddenException(), null, caller(() -> "alice"));

        assertProblem(403, "forbidden", response);
        assertNull(response.getHeaderString("WWW-Authenticate"));
    }

    @Test
    void aForbiddenAnswerToAnAnonymousCallerIs401WithABearerChallenge() {
        // RESTEasy (WildFly) answers a role check without any caller with 403; Jersey with 401.
        Response response = map(new ForbiddenException(), null, caller(null));

        assertProblem(401, "not_authenticated", response);
        assertEquals("Bearer", response.getHeaderString("WWW-Authenticate"));
    }

    @Test
    void aMissingTokenIs401WithABearerChallenge() {
        Response response = map(new NotAuthorizedException("Bearer"));

        assertProblem(401, "not_authenticated", response);
        assertEquals("Bearer", response.getHeaderString("WWW-Authenticate"));
    }

    @Test
    void aServerSideWebApplicationExceptionIs500WithAnIncidentAndNoMessage() {
        Response response = map(new InternalServerErrorException("db password is hunter2"));

        assertProblem(500, "internal_error", response);
        assertTrue(body(response).get("incident") instanceof String);
        assertFalse(body(response).toString().contains("hunter2"));
    }

    @Test
    void aWebApplicationExceptionWithoutResponseIs500() {
        WebApplicationException noResponse = new WebApplicationException() {
            @Override
            public Response getResponse() {
                return null;
            }
        };

        assertProblem(500, "internal_error", map(noResponse));
    }
}
