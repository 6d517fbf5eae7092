package io.portero.sessions.boundary;

import io.portero.sessions.entity.AdmittedSession;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.NotAuthorizedException;
import java.util.Optional;
import java.util.UUID;

/** The live session of the current request, as admitted by {@link SessionActivityFilter}. */
@RequestScoped
public class CurrentSession {

    private AdmittedSession session;

    void admit(AdmittedSession session) {
        this.session = session;
    }

    public Optional<AdmittedSession> get() {
        return Optional.ofNullable(session);
    }

    /** The admitted session; resources behind {@code @RolesAllowed} always have one. */
    public AdmittedSession require() {
        if (session == null) {
            throw new NotAuthorizedException("Bearer");
        }
        return session;
    }

    public UUID id() {
        return require().id();
    }

    public UUID accountId() {
        return require().accountId();
    }
}
