/** Session storage and search, the device limit and its interceptor, refresh-token hashing, device labels, the configured rules. */
package io.portero.sessions.control;
