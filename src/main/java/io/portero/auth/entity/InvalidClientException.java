package io.portero.auth.entity;

import io.portero.platform.problem.DomainException;

/**
 * A call to token introspection without the credentials of a configured introspection client:
 * none, an unknown client or a wrong secret, all with the same answer. The challenge asks for HTTP
 * Basic, the scheme introspection clients authenticate with (RFC 7662 §2.1, RFC 6749 §2.3.1).
 */
public class InvalidClientException extends DomainException {

    public static final String CHALLENGE = "Basic realm=\"portero\"";

    public InvalidClientException() {
        super("invalid_client", 401, "introspection client not authenticated");
    }

    @Override
    public String challenge() {
        return CHALLENGE;
    }
}
