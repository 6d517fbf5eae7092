package io.portero.auth.boundary;

/** The answer to a refresh: a new access token and the rotated refresh token. */
public record RefreshResponse(String access, String refresh, long accessExpiresIn, String tokenType) {}
