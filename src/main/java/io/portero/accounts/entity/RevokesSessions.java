package io.portero.accounts.entity;

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

    /** The change, which the sessions feature turns into the end reason of the revoked sessions. */
    @Nonbinding
    AccountChange value() default AccountChange.PASSWORD_CHANGED;
}
