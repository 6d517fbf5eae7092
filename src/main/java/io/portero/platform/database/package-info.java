/** The data source chosen from the environment, and the schema migrations run at start-up. */
package io.portero.platform.database;
