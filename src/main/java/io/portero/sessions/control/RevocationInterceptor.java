package io.portero.sessions.control;

import io.portero.sessions.boundary.Sessions;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Ends an account's sessions after a {@link RevokesSessions} change, inside its transaction. */
@RevokesSessions
@Interceptor
@Priority(Interceptor.Priority.APPLICATION + 10)
public class RevocationInterceptor {

    @Inject
    Sessions sessions;

    @AroundInvoke
    Object revoke(InvocationContext invocation) throws Exception {
        Revocation revocation = (Revocation) invocation.proceed();
        if (revocation == null || revocation.accountId() == null) {
            return revocation;
        }
        RevokesSessions binding = invocation.getMethod().getAnnotation(RevokesSessions.class);
        int ended = sessions.revokeAllOf(revocation.accountId(), binding.value(), revocation.keepSession());
        return revocation.ended(ended);
    }
}
