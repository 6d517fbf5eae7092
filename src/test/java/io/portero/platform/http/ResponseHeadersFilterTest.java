package io.portero.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseHeadersFilterTest {

    @ParameterizedTest
    @CsvSource({
        // deployed at the root, as Payara Micro's --contextroot / and jboss-web.xml do
        "/api/token/, '', true",
        "/api/session-status/, '', true",
        "/api, '', true",
        "/, '', false",
        "/portero-client.js, '', false",
        "/apis/x, '', false",
        "/health/ready, '', false",
        // deployed under a name, as `asadmin deploy` without --contextroot does: tokens stay no-store
        "/portero/api/token/, /portero, true",
        "/portero/api, /portero, true",
        "/portero/, /portero, false",
        "/portero/index.html, /portero, false",
        "/portero/apis/x, /portero, false"
    })
    void apiAnswersAreToldApartFromPagesWhateverTheContextRoot(String uri, String contextPath, boolean api) {
        assertEquals(api, ResponseHeadersFilter.isApi(uri, contextPath));
    }
}
