/** The accounts facade ({@link io.portero.accounts.boundary.Accounts}) other features call, its views, and the start-up administrator. */
package io.portero.accounts.boundary;
