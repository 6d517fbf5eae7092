/** Account storage and the password rules and hashing behind the facade. */
package io.portero.accounts.control;
