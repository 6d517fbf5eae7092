/** The account entity, its roles, the revocation binding it publishes, and the account errors. */
package io.portero.accounts.entity;
