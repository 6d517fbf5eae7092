package io.portero.accounts.control;

import java.util.Base64;

/** The small pieces of text both stored hash formats are made of, read without trusting them. */
final class HashText {

    private static final int MAX_STORED_BYTES = 64;

    private HashText() {}

    /** A plain positive decimal no greater than {@code max}, or -1. */
    static int decimal(String text, int max) {
        if (text.isEmpty() || text.length() > 10) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value >= 1 && value <= max ? (int) value : -1;
    }

    /** Standard Base64 (padding optional), or null. */
    static byte[] base64(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static boolean lengthWithin(byte[] bytes, int min) {
        return bytes != null && bytes.length >= min && bytes.length <= MAX_STORED_BYTES;
    }
}
