package io.portero.platform.http;

import java.io.IOException;

/** A request body grew past the limit while it was being read. */
public class BodyTooLargeException extends IOException {

    public BodyTooLargeException(long limit) {
        super("request body larger than " + limit + " bytes");
    }
}
