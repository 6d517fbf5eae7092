/** The webhook: its settings, the alert's JSON, its signature, and delivery with timeout and retries. */
package io.portero.alerts.control;
