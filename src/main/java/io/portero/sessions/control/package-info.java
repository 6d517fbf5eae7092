/** Session storage and search, the device limit and its interceptor, refresh-token hashing, device labels and the known devices behind new-device marks, the configured rules. */
package io.portero.sessions.control;
