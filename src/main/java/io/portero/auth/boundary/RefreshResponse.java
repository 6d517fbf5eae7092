package io.portero.auth.boundary;

/**
 * The answer to a refresh: a new access token and the rotated refresh token (null in the browser
 * mode, where it is in the refresh cookie).
 */
public record RefreshResponse(String access, String refresh, long accessExpiresIn, String tokenType) {

    RefreshResponse withoutRefresh() {
        return new RefreshResponse(access, null, accessExpiresIn, tokenType);
    }
}
