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

    private static final Instant JOINED = Instant.parse("2019-03-04T05:06:07.123Z");
    private static final Instant LAST_LOGIN = Instant.parse("2024-11-02T08:09:10.654Z");

    private static ImportedUser imported(String hash, boolean enabled, boolean admin, Instant lastLogin) {
        return new ImportedUser(0, 1, "7", "Ana", "ana", "ana@example.test", hash, enabled, admin, JOINED, lastLogin);
    }

    @Test
    void anImportedAccountKeepsTheExportsHashStateRolesAndDates() {
        Account account = Account.imported(imported("pbkdf2_sha256$x", false, true, LAST_LOGIN), NOW);

        assertEquals("Ana", account.username());
        assertEquals("pbkdf2_sha256$x", account.passwordHash());
        assertFalse(account.isEnabled());
        assertEquals(EnumSet.of(Role.ADMIN, Role.USER), account.roles());
        assertEquals(JOINED, account.createdAt());
        assertEquals(LAST_LOGIN, account.lastLoginAt());
        assertEquals(NOW, account.passwordChangedAt());
    }

    @Test
    void updatingFromTheSameRowChangesNothing() {
        Account account = Account.imported(imported("h1", true, false, LAST_LOGIN), NOW);

        assertFalse(account.updateFrom(imported("h1", true, false, LAST_LOGIN), NOW.plusSeconds(60)));
        assertEquals(NOW, account.passwordChangedAt());
    }

    @Test
    void updatingMakesTheAccountWhatTheRowSaysAndDatesANewPassword() {
        Account account = new Account("ANA", null, "$argon2id$own", Set.of(Role.USER), NOW);
        Instant later = NOW.plusSeconds(60);

        assertTrue(account.updateFrom(imported("pbkdf2_sha256$x", false, true, LAST_LOGIN), later));

        assertEquals("Ana", account.username());
        assertEquals("ana@example.test", account.email());
        assertEquals("pbkdf2_sha256$x", account.passwordHash());
        assertEquals(later, account.passwordChangedAt());
        assertFalse(account.isEnabled());
        assertTrue(account.isAdmin());
        assertEquals(JOINED, account.createdAt());
        assertEquals(LAST_LOGIN, account.lastLoginAt());
    }

    @Test
    void updatingWithTheSameHashKeepsThePasswordsDate() {
        Account account = Account.imported(imported("h1", true, false, null), NOW);

        assertTrue(account.updateFrom(imported("h1", false, false, null), NOW.plusSeconds(60)));

        assertEquals(NOW, account.passwordChangedAt());
    }

    @Test
    void theLastLoginNeverMovesBack() {
        Account account = Account.imported(imported("h1", true, false, LAST_LOGIN), NOW);
        account.loggedIn(NOW);

        assertFalse(account.updateFrom(imported("h1", true, false, LAST_LOGIN), NOW.plusSeconds(60)));
        assertFalse(account.updateFrom(imported("h1", true, false, null), NOW.plusSeconds(60)));
        assertEquals(NOW, account.lastLoginAt());
    }
}
