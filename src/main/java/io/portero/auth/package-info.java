/**
 * Authentication: logging in, refreshing, logging out, changing one's password, and the signed
 * access tokens (keys, JWKS). Uses accounts to check credentials and sessions to open them.
 */
package io.portero.auth;
