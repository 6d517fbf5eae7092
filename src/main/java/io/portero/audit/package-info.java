/**
 * The audit log: security-relevant events (logins, refusals, session endings, password changes,
 * administrators' actions, logins from new devices) observed from the other features' CDI events, stored in
 * {@code audit_event}, written to the server log, read back by users and administrators, and
 * pruned after the retention period. Nothing depends on it.
 */
package io.portero.audit;
