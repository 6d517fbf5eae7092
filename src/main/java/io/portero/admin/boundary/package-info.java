/** The administrators' resources and their request bodies. */
package io.portero.admin.boundary;
