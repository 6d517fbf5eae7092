package io.portero.accounts.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portero.accounts.entity.PasswordRejectedException;
import io.portero.accounts.entity.PasswordRejectedException.Broken;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordRulesTest {

    private static List<String> brokenCodes(String password, String username, boolean sameAsCurrent) {
        PasswordRejectedException e = assertThrows(
                PasswordRejectedException.class,
                () -> PasswordRules.check("new_password", password, username, sameAsCurrent));
        assertEquals("validation_failed", e.code());
        assertEquals(400, e.status());
        e.broken().forEach(broken -> assertEquals("new_password", broken.field()));
        return e.broken().stream().map(Broken::code).toList();
    }

    @Test
    void sevenCharactersAreTooShort() {
        assertEquals(List.of("too_short"), brokenCodes("abcdefg", "ana", false));
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 9, 64, 127, 128})
    void eightToOneHundredTwentyEightCharactersAreAccepted(int length) {
        assertDoesNotThrow(() -> PasswordRules.check("password", "p".repeat(length), "ana", false));
    }

    @Test
    void oneHundredTwentyNineCharactersAreTooLong() {
        assertEquals(List.of("too_long"), brokenCodes("p".repeat(129), "ana", false));
    }

    @Test
    void lengthIsCountedInCharactersNotUtf16Units() {
        String fourEmoji = "\uD83D\uDD11".repeat(4);
        String eightEmoji = "\uD83D\uDD11".repeat(8);

        assertEquals(List.of("too_short"), brokenCodes(fourEmoji, "ana", false));
        assertDoesNotThrow(() -> PasswordRules.check("password", eightEmoji, "ana", false));
        assertDoesNotThrow(() -> PasswordRules.check("password", "\uD83D\uDD11".repeat(128), "ana", false));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void aMissingPasswordIsRequired(String password) {
        assertEquals(List.of("required"), brokenCodes(password, "ana", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"maria.garcia", "MARIA.GARCIA", "Maria.Garcia"})
    void thePasswordMayNotBeTheUsernameInAnyCase(String password) {
        assertEquals(List.of("equals_username"), brokenCodes(password, "maria.Garcia", false));
    }

    @Test
    void aPasswordThatOnlyContainsTheUsernameIsAccepted() {
        assertDoesNotThrow(() -> PasswordRules.check("password", "maria.garcia2026", "maria.garcia", false));
    }

    @Test
    void aNewPasswordEqualToTheCurrentIsRefused() {
        assertEquals(List.of("same_as_current"), brokenCodes("a perfectly long one", "ana", true));
    }

    @Test
    void everyBrokenRuleIsListedTogether() {
        assertEquals(List.of("too_short", "equals_username", "same_as_current"), brokenCodes("Ana", "ana", true));
    }

    @Test
    void theViolationsNameTheGivenField() {
        PasswordRejectedException e = assertThrows(
                PasswordRejectedException.class, () -> PasswordRules.check("password", "short", "ana", false));

        assertEquals(List.of(new Broken("password", "too_short")), e.broken());
    }

    @Test
    void withoutAUsernameOnlyTheLengthCounts() {
        assertDoesNotThrow(() -> PasswordRules.check("password", "long enough", null, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"        ", "\t\t\t\t\t\t\t\t", "\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000"})
    void aPasswordOfOnlyWhiteSpaceIsRefused(String blank) {
        assertTrue(brokenCodes(blank, "ana", false).contains("only_whitespace"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "password\u0000x",
                "pass\nword1",
                "pass\rword1",
                "pass\tword1",
                "password\u007f",
                "password\u0085",
                "password\u009f",
                "\u0001password"
            })
    void aPasswordWithAControlCharacterIsRefused(String password) {
        assertEquals(List.of("control_characters"), brokenCodes(password, "ana", false));
    }

    @Test
    void spacesInsideAPasswordAreFine() {
        assertDoesNotThrow(() -> PasswordRules.check("password", "correct horse battery staple", "ana", false));
    }
}
