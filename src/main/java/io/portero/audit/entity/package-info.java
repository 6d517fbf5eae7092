/** The event types and outcomes, an event as the API shows it, and the administrators' filter. */
package io.portero.audit.entity;
