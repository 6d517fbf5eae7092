package io.portero.auth.boundary;

/**
 * A login was refused for its credentials, a disabled account, or throttling (code
 * {@value #THROTTLED}: too many failures, the password was not checked); not for the device limit.
 * The {@code username} is the name as tried; the password is never part of it.
 */
public record LoginFailed(String username, String ipAddress, String code, String userAgent, String deviceLabel) {

    /** The code of a login refused by login throttling before its password was checked. */
    public static final String THROTTLED = "throttled";

    public LoginFailed(String username, String ipAddress, String code) {
        this(username, ipAddress, code, null, null);
    }
}
