package io.portero.accounts.control;

import io.portero.accounts.entity.PasswordRejectedException;
import io.portero.accounts.entity.PasswordRejectedException.Broken;
import java.util.ArrayList;
import java.util.List;

/**
 * What a new password must be: 8 to 128 characters, not the username (in any letter case), and
 * for a change, different from the current one.
 */
public final class PasswordRules {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;

    private PasswordRules() {
    }

    /** Throws {@link PasswordRejectedException} listing every broken rule for the field. */
    public static void check(String field, String password, String username, boolean sameAsCurrent) {
        List<Broken> broken = new ArrayList<>();
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (password == null || password.isEmpty()) {
            broken.add(new Broken(field, "required"));
        } else if (length < MIN_LENGTH) {
            broken.add(new Broken(field, "too_short"));
        } else if (length > MAX_LENGTH) {
            broken.add(new Broken(field, "too_long"));
        }
        if (password != null && username != null && password.equalsIgnoreCase(username)) {
            broken.add(new Broken(field, "equals_username"));
        }
        if (sameAsCurrent) {
            broken.add(new Broken(field, "same_as_current"));
        }
        if (!broken.isEmpty()) {
            throw new PasswordRejectedException(broken);
        }
    }
}
