/**
 * What operators count and graph: the {@code portero_*} series, as MicroProfile Metrics at
 * {@code /metrics} on Payara ({@code PorteroMetrics}) and through WildFly's Micrometer registry on
 * its management port ({@code MicrometerMetrics}; each server skips the other class), fed by the
 * events the flows publish (logins, ended sessions, expiry passes) and by gauges read through the
 * features' boundaries. No feature depends on this one.
 */
package io.portero.metrics;
