/**
 * Authentication: logging in, refreshing, logging out, changing one's password, the signed access
 * tokens (keys, JWKS), and token introspection for backends. Uses accounts to check credentials and
 * sessions to open and check them.
 */
package io.portero.auth;
