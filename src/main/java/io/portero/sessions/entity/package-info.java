/** The session entity, its liveness rule, end reasons, the device it records, and the session errors. */
package io.portero.sessions.entity;
