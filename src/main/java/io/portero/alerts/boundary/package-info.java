/** The observer of successful logins that decides on an alert. */
package io.portero.alerts.boundary;
