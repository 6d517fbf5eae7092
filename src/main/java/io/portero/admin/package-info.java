/**
 * Administration: the administrators' routes over accounts and sessions ({@code /api/admin/*}).
 * Holds no data of its own; reads and changes through the accounts and sessions boundaries.
 */
package io.portero.admin;
