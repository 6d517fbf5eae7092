package io.portero.accounts.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccountTest {

    private static final Instant NOW = Instant.parse("2026-11-28T06:00:00Z");

    @Test
    void theUsernameKeyIgnoresLetterCase() {
        assertEquals("maria.garcia", Account.keyOf("Maria.GARCIA"));
        assertEquals(Account.keyOf("ANA"), Account.keyOf("ana"));
    }

    @Test
    void theUsernameKeyDoesNotDependOnATurkishServerLocale() {
        Locale original = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));

            assertEquals("istanbul", Account.keyOf("ISTANBUL"));
            assertEquals("admin", Account.keyOf("ADMIN"));
        } finally {
            Locale.setDefault(original);
        }
    }

    @Test
    void anAccountWithoutRolesIsAUser() {
        Account account = new Account("ana", null, "hash", Set.of(), NOW);

        assertEquals(EnumSet.of(Role.USER), account.roles());
        assertFalse(account.isAdmin());
    }

    @Test
    void aNewAccountIsEnabledAndKeepsItsSpelling() {
        Account account = new Account("Ana.Maria", "ana@example.org", "hash", Set.of(Role.ADMIN), NOW);

        assertTrue(account.isEnabled());
        assertTrue(account.isAdmin());
        assertEquals("Ana.Maria", account.username());
        assertEquals(NOW, account.passwordChangedAt());
    }

    @Test
    void changingThePasswordRecordsWhen() {
        Account account = new Account("ana", null, "old", Set.of(Role.USER), NOW);
        Instant later = NOW.plusSeconds(3600);

        account.changePassword("new", later);
        assertEquals("new", account.passwordHash());
        assertEquals(later, account.passwordChangedAt());
    }

    @Test
    void theRolesHandedOutCannotChangeTheAccount() {
        Account account = new Account("ana", null, "hash", Set.of(Role.USER), NOW);

        account.roles().add(Role.ADMIN);

        assertFalse(account.isAdmin());
    }

    @Test
    void compatibilityFormsOfAUsernameAreTheSameName() {
        assertEquals("bob", Account.keyOf("\uff42\uff4f\uff42"));
        assertEquals(Account.keyOf("BOB"), Account.keyOf("\uff22\uff4f\uff42"));
        assertEquals("bob", new Account("\uff42\uff4f\uff42", null, "hash", Set.of(Role.USER), NOW).username());
    }

    @Test
    void theKeyOfADottedCapitalIIsLongerThanTheName() {
        String name = "\u0130".repeat(Account.MAX_USERNAME_LENGTH);

        assertTrue(Account.keyOf(name).length() > Account.MAX_USERNAME_LENGTH);
    }

    @Test
    void instantsAreTheSameWhenEqualToTheMicrosecond() {
        Instant stored = Instant.parse("2026-11-30T10:00:00.123456Z");

        assertTrue(Account.sameInstant(stored, Instant.parse("2026-11-30T10:00:00.123456789Z")));
        assertFalse(Account.sameInstant(stored, Instant.parse("2026-11-30T10:00:00.123457Z")));
        assertFalse(Account.sameInstant(stored, null));
    }
}
