/** The login, token, logout, me, change-password and forward-auth check routes, the JWKS servlet, and the login events. */
package io.portero.auth.boundary;
