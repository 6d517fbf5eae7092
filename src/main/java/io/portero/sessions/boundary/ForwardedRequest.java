package io.portero.sessions.boundary;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method that a reverse proxy calls about another request (forward-auth): when the
 * caller is a trusted proxy, {@link SessionActivityFilter} judges activity by the original request
 * it names ({@code X-Forwarded-Uri} / {@code X-Original-URI}, {@code X-Forwarded-Method} /
 * {@code X-Original-Method}) against {@code portero.forward-auth.passive-paths}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ForwardedRequest {}
