/** The sessions facade ({@link io.portero.sessions.boundary.Sessions}), the request filter, the self-service and status routes, the expiry timer and the revocation interceptor. */
package io.portero.sessions.boundary;
