/** Writing audit rows (one per event, or set-based for sessions ended together), reading and pruning them, and the log line. */
package io.portero.audit.control;
