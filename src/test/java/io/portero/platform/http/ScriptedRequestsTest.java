package io.portero.platform.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ScriptedRequestsTest {

    private static HttpServletRequest request(String contentType, String clientHeader) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getContentType()).thenReturn(contentType);
        when(request.getHeader(ScriptedRequests.CLIENT_HEADER)).thenReturn(clientHeader);
        return request;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/json",
                "application/json; charset=UTF-8",
                " Application/JSON ",
                "application/merge-patch+json"
            })
    void aJsonBodyIsScripted(String contentType) {
        assertTrue(ScriptedRequests.isScripted(request(contentType, null)), contentType);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "text/plain",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "text/plain; note=application/json",
                "text/json"
            })
    void whatAFormCanSendIsNot(String contentType) {
        assertFalse(ScriptedRequests.isScripted(request(contentType, null)), contentType);
        assertFalse(ScriptedRequests.isScripted(request(contentType, " ")), "a blank header does not count");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded"})
    void theClientHeaderMakesAnyRequestScripted(String contentType) {
        assertTrue(ScriptedRequests.isScripted(request(contentType, "web")));
    }
}
