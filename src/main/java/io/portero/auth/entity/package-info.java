/** The stored signing keys, and the refusals of token introspection. */
package io.portero.auth.entity;
