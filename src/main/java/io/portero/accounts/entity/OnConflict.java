package io.portero.accounts.entity;

import io.portero.platform.problem.InvalidInputException;
import java.util.Locale;

/**
 * What an import does with a row whose username (after Portero's normalisation) already names an
 * account: leave the account as it is, or make it what the row says.
 */
public enum OnConflict {
    SKIP,
    UPDATE;

    /** The query value ({@code skip}, {@code update}); absent or blank is {@link #SKIP}. */
    public static OnConflict parse(String value) {
        if (value == null || value.isBlank()) {
            return SKIP;
        }
        for (OnConflict choice : values()) {
            if (choice.apiName().equals(value)) {
                return choice;
            }
        }
        throw new InvalidInputException("on_conflict", "invalid_query");
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
