/**
 * New-device alerts: after every successful login, asks {@code sessions} whether the account has
 * used the device before; for a new one (never the account's first login) it publishes
 * {@code NewDeviceLoggedIn} (the audit log records {@code NEW_DEVICE_LOGIN}) and, when a webhook is
 * configured, posts a signed JSON alert to it in the background. Only {@code audit} depends on it.
 */
package io.portero.alerts;
