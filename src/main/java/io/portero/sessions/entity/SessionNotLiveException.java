package io.portero.sessions.entity;

import io.portero.platform.problem.DomainException;

/** A request or refresh came from a session that has ended; the code says why. */
public class SessionNotLiveException extends DomainException {

    private final EndReason reason;

    public SessionNotLiveException(EndReason reason) {
        super(reason.problemCode(), 401, "session not live: " + reason);
        this.reason = reason;
    }

    public EndReason reason() {
        return reason;
    }
}
