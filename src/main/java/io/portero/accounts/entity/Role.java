package io.portero.accounts.entity;

import java.util.Locale;

/** What an account may do. The lower-case name is the JWT {@code groups} entry. */
public enum Role {
    USER,
    ADMIN;

    public static final String USER_GROUP = "user";
    public static final String ADMIN_GROUP = "admin";

    public String group() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role for a group name, or {@code null} for an unknown one. */
    public static Role ofGroup(String group) {
        for (Role role : values()) {
            if (role.group().equals(group)) {
                return role;
            }
        }
        return null;
    }
}
