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
        int ended = sessions.revokeAllOf(revocation.accountId(), reasonFor(binding.value()), revocation.keepSession());
        return revocation.ended(ended);
    }

    static EndReason reasonFor(AccountChange change) {
        return switch (change) {
            case PASSWORD_CHANGED -> EndReason.PASSWORD_CHANGED;
            case ACCOUNT_DISABLED -> EndReason.ACCOUNT_DISABLED;
        };
    }
}
