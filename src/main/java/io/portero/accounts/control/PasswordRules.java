package io.portero.accounts.control;

import io.portero.accounts.entity.PasswordRejectedException;
import io.portero.accounts.entity.PasswordRejectedException.Broken;
import java.util.ArrayList;
import java.util.List;

/**
 * What a new password must be: 8 to 128 characters, not only white space, free of control
 * characters (NUL, line breaks, tabs and the other C0 and C1 controls, which no keyboard types and
 * some systems cut at), not the username (in any letter case), and for a change, different from
 * the current one. Every path that sets a password applies these rules: creation, an
 * administrator's reset, the user's own change, and the bootstrap administrator.
 */
public final class PasswordRules {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;

    private PasswordRules() {}

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
        if (password != null && !password.isEmpty() && password.isBlank()) {
            broken.add(new Broken(field, "only_whitespace"));
        }
        if (password != null && password.codePoints().anyMatch(Character::isISOControl)) {
            broken.add(new Broken(field, "control_characters"));
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
