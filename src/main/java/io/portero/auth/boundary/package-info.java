/**
 * The login, token, logout, me, change-password, forward-auth check and token-introspection routes,
 * the JWKS servlet, and the login events.
 */
package io.portero.auth.boundary;
