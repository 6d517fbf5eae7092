package io.portero.sessions.control;

import io.portero.sessions.entity.EndReason;
import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an account change after which the account's sessions must end (a password change, a
 * disabled account). The method returns a {@link Revocation} naming the account and the session
 * to keep; {@link RevocationInterceptor} ends the others in the same transaction.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RevokesSessions {

    /** The end reason the revoked sessions get. */
    @Nonbinding
    EndReason value() default EndReason.PASSWORD_CHANGED;
}
