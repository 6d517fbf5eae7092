/** The observers of the other features' events, the read routes ({@code /api/audit}, {@code /api/admin/audit}) and the retention timer. */
package io.portero.audit.boundary;
