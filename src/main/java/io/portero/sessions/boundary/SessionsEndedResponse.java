package io.portero.sessions.boundary;

/** How many sessions an operation ended. */
public record SessionsEndedResponse(int sessionsEnded) {
}
