/** The health probes, one class per probe, served under {@code /health}. */
package io.portero.health;
