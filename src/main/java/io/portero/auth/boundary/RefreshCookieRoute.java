package io.portero.auth.boundary;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the resources whose answers may set or clear the refresh cookie (login, refresh, logout):
 * {@link RefreshCookieWriter} runs on their answers only, so every other request (a session-status
 * poll, an API call) skips the request-scoped cookie state altogether.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RefreshCookieRoute {}
