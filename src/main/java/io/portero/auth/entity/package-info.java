/**
 * The stored signing keys, the refusals of token introspection, the refusal of a throttled attempt, and
 * that of a refresh cookie on a request a cross-site form could have sent.
 */
package io.portero.auth.entity;
