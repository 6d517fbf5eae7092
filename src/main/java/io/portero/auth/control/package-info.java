/**
 * Signing access tokens and keeping the key ring they are verified with; verifying a token handed
 * over for introspection, and the clients allowed to ask.
 */
package io.portero.auth.control;
