package io.portero.auth.boundary;

import io.portero.platform.http.JsonStrings;

/**
 * The answer to a refresh: a new access token and the rotated refresh token (null in the browser
 * mode, where it is in the refresh cookie).
 */
public record RefreshResponse(String access, String refresh, long accessExpiresIn, String tokenType) {

    /**
     * The answer as JSON, written by hand for the refresh shortcut: the fields and their order as
     * the API's JSON-B configuration writes them ({@code RefreshResponseTest} compares the two).
     */
    public String toJson() {
        StringBuilder json = new StringBuilder(1200).append('{');
        JsonStrings.field(json, "access", access)
                .append(",\"access_expires_in\":")
                .append(accessExpiresIn);
        JsonStrings.field(json.append(','), "refresh", refresh);
        return JsonStrings.field(json.append(','), "token_type", tokenType)
                .append('}')
                .toString();
    }

    RefreshResponse withoutRefresh() {
        return new RefreshResponse(access, null, accessExpiresIn, tokenType);
    }
}
