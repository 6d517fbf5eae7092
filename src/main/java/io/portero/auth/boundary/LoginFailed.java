package io.portero.auth.boundary;

/**
 * A login was refused for its credentials, a disabled account, or throttling (code
 * {@value #THROTTLED}: too many failures, the password was not checked); not for the device limit.
 */
public record LoginFailed(String username, String ipAddress, String code) {

    /** The code of a login refused by login throttling before its password was checked. */
    public static final String THROTTLED = "throttled";
}
