package io.portero.auth.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class IntrospectionClientsTest {

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aConfiguredClientIsKnownByItsSecret() {
        IntrospectionClients clients = IntrospectionClients.of("billing:s3cret, reports:0th3r");

        assertTrue(clients.authenticate("billing", "s3cret"));
        assertTrue(clients.authenticate("reports", "0th3r"));
        assertFalse(clients.authenticate("billing", "0th3r"), "another client's secret");
        assertFalse(clients.authenticate("billing", "s3cret "));
        assertFalse(clients.authenticate("billing", "s3cre"));
        assertFalse(clients.authenticate("BILLING", "s3cret"), "names are exact");
        assertFalse(clients.authenticate("nobody", "s3cret"));
        assertFalse(clients.authenticate(null, null));
    }

    @Test
    void aSecretMayContainColons() {
        IntrospectionClients clients = IntrospectionClients.of("app:a:b:c");

        assertTrue(clients.authenticate("app", "a:b:c"));
        assertTrue(clients.authenticateBasic(basic("app:a:b:c")));
    }

    @Test
    void noConfigurationMeansNoClient() {
        for (String value : new String[] {null, "", " , ", "no-secret", ":no-name", "empty:"}) {
            IntrospectionClients clients = IntrospectionClients.of(value);
            assertFalse(clients.authenticate("no-secret", ""), String.valueOf(value));
            assertFalse(clients.authenticate("", "no-name"), String.valueOf(value));
            assertFalse(clients.authenticate("empty", ""), String.valueOf(value));
            assertFalse(clients.authenticateBasic(basic(":")), String.valueOf(value));
        }
    }

    @Test
    void malformedEntriesAreSkippedAndTheOthersKept() {
        IntrospectionClients clients = IntrospectionClients.of("broken,good:secret");

        assertTrue(clients.authenticate("good", "secret"));
        assertFalse(clients.authenticate("broken", ""));
    }

    @Test
    void basicCredentialsAreReadFromTheAuthorizationHeader() {
        IntrospectionClients clients = IntrospectionClients.of("billing:s3cret");

        assertTrue(clients.authenticateBasic(basic("billing:s3cret")));
        assertTrue(clients.authenticateBasic("basic " + basic("billing:s3cret").substring(6)), "scheme in any case");
        assertFalse(clients.authenticateBasic(basic("billing:wrong")));
        assertFalse(clients.authenticateBasic(basic("billing")), "no colon");
        assertFalse(clients.authenticateBasic("Basic %%%not-base64"));
        assertFalse(clients.authenticateBasic("Basic "));
        assertFalse(
                clients.authenticateBasic("Bearer " + basic("billing:s3cret").substring(6)));
        assertFalse(clients.authenticateBasic(null));
    }
}
