/**
 * Sessions: one per logged-in device, opened under the device limit, kept alive by activity,
 * ended by logout, expiry or revocation; the request filter that checks every access token
 * against its session; the expiry timer. Depends on accounts (a session belongs to one).
 */
package io.portero.sessions;
