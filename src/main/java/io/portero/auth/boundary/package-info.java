/** The login, token, logout, me and change-password routes, the JWKS servlet, and the login events. */
package io.portero.auth.boundary;
