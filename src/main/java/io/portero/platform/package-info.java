/**
 * What every feature stands on and that knows no feature: HTTP conventions, the problem format of
 * errors, paging, the clock, the database and its migrations.
 */
package io.portero.platform;
