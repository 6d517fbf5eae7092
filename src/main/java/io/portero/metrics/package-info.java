/**
 * What operators count and graph: MicroProfile Metrics at {@code /metrics}, named {@code portero_*},
 * fed by the events the flows publish (logins, ended sessions, expiry passes) and by gauges read
 * through the features' boundaries. No feature depends on this one.
 */
package io.portero.metrics;
