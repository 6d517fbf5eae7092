package io.portero.sessions.entity;

/** What a login tells about the device it comes from. */
public record Device(String userAgent, String label, String ipAddress) {

    public Device {
        if (userAgent != null && userAgent.length() > 512) {
            userAgent = userAgent.substring(0, 512);
        }
        if (label != null && label.length() > 100) {
            label = label.substring(0, 100);
        }
    }
}
