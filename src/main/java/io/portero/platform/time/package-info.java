/** The clock every rule reads time from, replaceable in tests. */
package io.portero.platform.time;
