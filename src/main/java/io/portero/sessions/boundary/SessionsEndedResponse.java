package io.portero.sessions.boundary;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of an operation that ends sessions: how many it ended. (Not to be confused with
 * {@link io.portero.sessions.entity.SessionEnded}, the event fired for each ending.) Published as {@code SessionsEnded}.
 */
@Schema(name = "SessionsEnded")
public record SessionsEndedResponse(int sessionsEnded) {}
