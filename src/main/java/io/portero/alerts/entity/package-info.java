/** The event of a login from a new device, which the audit log observes. */
package io.portero.alerts.entity;
