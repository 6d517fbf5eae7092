package io.portero.accounts.entity;

import java.time.Instant;

/**
 * One user as an export describes it, checked and in Portero's terms: the username normalised
 * (NFKC) with its lookup {@code key}, the stored password exactly as the export holds it, and
 * where the row was ({@code index} among the rows, the {@code line} it starts on, Django's
 * {@code pk} as text).
 */
public record ImportedUser(
        int index,
        long line,
        String pk,
        String username,
        String key,
        String email,
        String passwordHash,
        boolean enabled,
        boolean admin,
        Instant joinedAt,
        Instant lastLoginAt) {}
