package io.portero.auth.boundary;

/** A login was refused for its credentials or a disabled account (not for the device limit). */
public record LoginFailed(String username, String ipAddress, String code) {}
