/** The stored signing keys, the refusals of token introspection, and the refusal of a throttled attempt. */
package io.portero.auth.entity;
