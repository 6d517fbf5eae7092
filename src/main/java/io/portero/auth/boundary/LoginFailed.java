package io.portero.auth.boundary;

/**
 * A login was refused for its credentials or a disabled account (not for the device limit). The
 * {@code username} is the name as tried; the password is never part of it.
 */
public record LoginFailed(String username, String ipAddress, String code, String userAgent, String deviceLabel) {

    public LoginFailed(String username, String ipAddress, String code) {
        this(username, ipAddress, code, null, null);
    }
}
