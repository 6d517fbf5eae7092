/** Signing access tokens and keeping the key ring they are verified with. */
package io.portero.auth.control;
