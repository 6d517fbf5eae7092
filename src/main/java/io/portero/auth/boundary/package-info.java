/**
 * The login, token, logout, me, change-password and token-introspection routes, the JWKS servlet, and
 * the login events.
 */
package io.portero.auth.boundary;
