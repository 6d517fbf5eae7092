package io.portero.sessions.entity;

import io.portero.platform.problem.DomainException;

/** No such session, or none the caller may see: both answer 404 so ids cannot be probed. */
public class SessionNotFoundException extends DomainException {

    public SessionNotFoundException() {
        super("session_not_found", 404, "session not found");
    }
}
