package io.portero.sessions.boundary;

import io.portero.accounts.entity.AccountChange;
import io.portero.accounts.entity.Revocation;
import io.portero.accounts.entity.RevokesSessions;
import io.portero.sessions.entity.EndReason;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Ends the sessions of the accounts a {@link RevokesSessions} change names, inside its transaction. */
@RevokesSessions
@Interceptor
@Priority(Interceptor.Priority.APPLICATION + 10)
public class RevocationInterceptor {

    @Inject
    Sessions sessions;

    @AroundInvoke
    Object revoke(InvocationContext invocation) throws Exception {
        Revocation revocation = (Revocation) invocation.proceed();
        if (revocation == null || revocation.accountIds().isEmpty()) {
            return revocation;
        }
        RevokesSessions binding = invocation.getMethod().getAnnotation(RevokesSessions.class);
        EndReason reason = reasonFor(binding.value());
        int ended = revocation.accountIds().size() == 1
                ? sessions.revokeAllOf(revocation.accountIds().get(0), reason, revocation.keepSession())
                : sessions.revokeAllOf(revocation.accountIds(), reason);
        return revocation.ended(ended);
    }

    static EndReason reasonFor(AccountChange change) {
        return switch (change) {
            case PASSWORD_CHANGED -> EndReason.PASSWORD_CHANGED;
            case ACCOUNT_DISABLED -> EndReason.ACCOUNT_DISABLED;
        };
    }
}
