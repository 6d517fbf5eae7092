/** The stored signing keys. */
package io.portero.auth.entity;
