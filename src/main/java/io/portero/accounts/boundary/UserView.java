package io.portero.accounts.boundary;

import io.portero.accounts.entity.Account;
import io.portero.accounts.entity.Role;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An account as administrators see it; never its password hash. */
public record UserView(
        UUID id,
        String username,
        String email,
        List<String> roles,
        boolean enabled,
        Instant createdAt,
        Instant passwordChangedAt,
        Instant lastLoginAt) {

    public static UserView from(Account account) {
        return new UserView(
                account.id(),
                account.username(),
                account.email(),
                account.roles().stream().map(Role::group).sorted().toList(),
                account.isEnabled(),
                account.createdAt(),
                account.passwordChangedAt(),
                account.lastLoginAt());
    }
}
