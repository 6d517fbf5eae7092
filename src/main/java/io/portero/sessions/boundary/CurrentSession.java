package io.portero.sessions.boundary;

import io.portero.sessions.entity.UserSession;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.NotAuthorizedException;
import java.util.Optional;
import java.util.UUID;

/** The live session of the current request, as admitted by {@link SessionActivityFilter}. */
@RequestScoped
public class CurrentSession {

    private UserSession session;

    void admit(UserSession session) {
        this.session = session;
    }

    public Optional<UserSession> get() {
        return Optional.ofNullable(session);
    }

    /** The admitted session; resources behind {@code @RolesAllowed} always have one. */
    public UserSession require() {
        if (session == null) {
            throw new NotAuthorizedException("Bearer");
        }
        return session;
    }

    public UUID id() {
        return require().id();
    }

    public UUID accountId() {
        return require().account().id();
    }
}
