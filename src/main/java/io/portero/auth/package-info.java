/**
 * Authentication: logging in, refreshing, logging out, changing one's password, the signed access
 * tokens (keys, JWKS), token introspection for backends, and login throttling against brute force. Uses accounts to check credentials and
 * sessions to open and check them.
 */
package io.portero.auth;
