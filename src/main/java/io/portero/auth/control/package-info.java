/**
 * Signing access tokens and keeping the key ring they are verified with; verifying a token handed
 * over for introspection, and the clients allowed to ask; login throttling (failed logins counted
 * per username and address, and per address, in {@code login_failure}).
 */
package io.portero.auth.control;
