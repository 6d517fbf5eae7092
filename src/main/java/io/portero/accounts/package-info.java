/**
 * Accounts: the people who can log in, their roles and their passwords (Argon2id, Django hashes
 * accepted and upgraded). Depends on nothing but the platform; announces changes that must end
 * sessions through {@link io.portero.accounts.entity.RevokesSessions}.
 */
package io.portero.accounts;
