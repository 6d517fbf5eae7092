package io.portero.accounts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portero.accounts.entity.HashingCapacityExceededException;
import io.portero.accounts.entity.HashingLane;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {

    private static final Argon2Parameters SMALL = new Argon2Parameters(64, 1, 1);
    private static final Duration WAIT = Duration.ofSeconds(5);

    /**
     * Written by the reference implementation's command-line tool (Debian package {@code argon2}):
     * {@code echo -n password | argon2 somesalt16bytes! -id -t 2 -m 15 -p 1 -l 32 -e}.
     */
    private static final String REFERENCE_ARGON2ID =
            "$argon2id$v=19$m=32768,t=2,p=1$c29tZXNhbHQxNmJ5dGVzIQ$m6xBG8k85HgPW3aRhqsWoSVaaPky7WHJkPc8NhfAWfk";

    /**
     * {@code echo -n 'correct horse battery staple' | argon2 portero-salt-016 -id -t 2 -k 19456 -p 1 -l 32 -e}.
     */
    private static final String REFERENCE_ARGON2ID_OWASP =
            "$argon2id$v=19$m=19456,t=2,p=1$cG9ydGVyby1zYWx0LTAxNg$PtJi0TkmCV6le2sGGFY6q43eycRK4IalVfMjPPYS/2o";

    /** {@code echo -n password | argon2 somesalt16bytes! -id -t 1 -k 64 -p 2 -l 32 -e}. */
    private static final String REFERENCE_ARGON2ID_TWO_LANES =
            "$argon2id$v=19$m=64,t=1,p=2$c29tZXNhbHQxNmJ5dGVzIQ$NBAPwBx+0PmnWNsFvqOCtgniTyXMGGbchAdfjjSlDPo";

    /**
     * Written by Django 3.2's own {@code make_password('correct horse battery staple',
     * salt='Kq3uX8tPz1LmR5vWc9yB2d')}; hashlib's pbkdf2_hmac gives the same digest.
     */
    private static final String DJANGO_PBKDF2 =
            "pbkdf2_sha256$260000$Kq3uX8tPz1LmR5vWc9yB2d$yEd0LeDaqeRlYGiKPlsCwE+luyBLkF8rkkmxQ9wmCZA=";

    /** Django 3.2: {@code PBKDF2PasswordHasher().encode('pässwörd', 'NaCl2024', iterations=1000)}. */
    private static final String DJANGO_PBKDF2_NON_ASCII =
            "pbkdf2_sha256$1000$NaCl2024$2xbobvhjOa1tyzo1VUqwq96j9LyMvrDsTNphRrmUeWI=";

    /**
     * Written by Django 3.2's own {@code Argon2PasswordHasher} (argon2-cffi 21.1), with the cost
     * lowered for the test: {@code memory_cost=64, time_cost=1, parallelism=2}, password
     * {@code 'pässwörd correct'}.
     */
    private static final String DJANGO_ARGON2ID =
            "argon2$argon2id$v=19$m=64,t=1,p=2$YmFTdGIzNmhmUk5JVVE3dFBEWHltdQ$1ZMF36udKVg2gaiYLhZCQw";

    /** Django 3.2's {@code BCryptSHA256PasswordHasher} (bcrypt 3.2) with {@code rounds=4}: {@code 'pässwörd correct'}. */
    private static final String DJANGO_BCRYPT_SHA256 =
            "bcrypt_sha256$$2b$04$wdOe/aDPZqjlAwVbeb5BsOr3hCpDVE1dFazoD.Vx5uK.VFC0x.hjG";

    /** The same for 100 {@code x} and an {@code é}: longer than bcrypt's 72 bytes, which the SHA-256 step avoids cutting. */
    private static final String DJANGO_BCRYPT_SHA256_LONG =
            "bcrypt_sha256$$2b$04$7JiAfJjBl/1.bLenIBWtveWMbKxnKfANtF7dr3rksfDEswf1r9hgy";

    /** Django's {@code set_unusable_password()}: {@code !} and 40 random characters. */
    private static final String DJANGO_UNUSABLE = "!11Yz0kMrIIIH5hnXOiw9D6C8MdlqlUOV8fclhDke";

    private static final Pattern PHC =
            Pattern.compile("\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

    private static PasswordHasher hasher(Argon2Parameters params) {
        return new PasswordHasher(params, 4, WAIT);
    }

    @Test
    void argon2idRoundTripAcceptsTheRightPasswordOnly() {
        PasswordHasher hasher = hasher(SMALL);

        String stored = hasher.hash("s3cret-Passw0rd");

        assertTrue(hasher.verify("s3cret-Passw0rd", stored));
        assertFalse(hasher.verify("s3cret-passw0rd", stored));
        assertFalse(hasher.verify("s3cret-Passw0rd ", stored));
    }

    @Test
    void hashIsAPhcStringWithTheConfiguredParametersA16ByteSaltAndA32ByteHash() {
        String stored = hasher(new Argon2Parameters(128, 3, 2)).hash("password");

        Matcher phc = PHC.matcher(stored);
        assertTrue(phc.matches(), stored);
        assertEquals("128", phc.group(1));
        assertEquals("3", phc.group(2));
        assertEquals("2", phc.group(3));
        assertEquals(16, Base64.getDecoder().decode(phc.group(4)).length);
        assertEquals(32, Base64.getDecoder().decode(phc.group(5)).length);
    }

    @Test
    void owaspParametersRoundTripAndAreWrittenIntoTheHash() {
        PasswordHasher hasher = hasher(Argon2Parameters.OWASP);

        String stored = hasher.hash("correct horse battery staple");

        assertTrue(stored.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), stored);
        assertTrue(hasher.verify("correct horse battery staple", stored));
        assertFalse(hasher.verify("correct horse battery stapler", stored));
        assertFalse(hasher.needsRehash(stored));
    }

    @Test
    void theSamePasswordHashedTwiceGetsDifferentSaltsAndHashes() {
        PasswordHasher hasher = hasher(SMALL);

        String first = hasher.hash("password");
        String second = hasher.hash("password");

        assertNotEquals(first, second);
        Matcher a = PHC.matcher(first);
        Matcher b = PHC.matcher(second);
        assertTrue(a.matches() && b.matches());
        assertNotEquals(a.group(4), b.group(4));
        assertNotEquals(a.group(5), b.group(5));
        assertTrue(hasher.verify("password", first));
        assertTrue(hasher.verify("password", second));
    }

    @Test
    void acceptsAnArgon2idHashWrittenByTheReferenceImplementationUsingItsOwnParameters() {
        PasswordHasher hasher = hasher(SMALL);

        assertTrue(hasher.verify("password", REFERENCE_ARGON2ID));
        assertFalse(hasher.verify("Password", REFERENCE_ARGON2ID));
    }

    @Test
    void acceptsReferenceArgon2idHashesWithOwaspParametersAndWithSeveralLanes() {
        PasswordHasher hasher = hasher(Argon2Parameters.OWASP);

        assertTrue(hasher.verify("correct horse battery staple", REFERENCE_ARGON2ID_OWASP));
        assertFalse(hasher.verify("password", REFERENCE_ARGON2ID_OWASP));
        assertTrue(hasher.verify("password", REFERENCE_ARGON2ID_TWO_LANES));
        assertFalse(hasher.verify("passwort", REFERENCE_ARGON2ID_TWO_LANES));
    }

    @Test
    void acceptsADjangoPbkdf2HashForTheRightPasswordOnly() {
        PasswordHasher hasher = hasher(SMALL);

        assertTrue(hasher.verify("correct horse battery staple", DJANGO_PBKDF2));
        assertFalse(hasher.verify("Correct horse battery staple", DJANGO_PBKDF2));
    }

    @Test
    void djangoPbkdf2PasswordsAreCheckedAsUtf8() {
        PasswordHasher hasher = hasher(SMALL);

        assertTrue(hasher.verify("pässwörd", DJANGO_PBKDF2_NON_ASCII));
        assertFalse(hasher.verify("passwörd", DJANGO_PBKDF2_NON_ASCII));
    }

    @Test
    void acceptsADjangoArgon2idHashForTheRightPasswordOnly() {
        PasswordHasher hasher = hasher(SMALL);

        assertTrue(hasher.verify("pässwörd correct", DJANGO_ARGON2ID));
        assertFalse(hasher.verify("passwörd correct", DJANGO_ARGON2ID));
        assertTrue(hasher.needsRehash(DJANGO_ARGON2ID));
    }

    @Test
    void acceptsADjangoBcryptSha256HashForTheRightPasswordOnly() {
        PasswordHasher hasher = hasher(SMALL);

        assertTrue(hasher.verify("pässwörd correct", DJANGO_BCRYPT_SHA256));
        assertFalse(hasher.verify("pässwörd correct ", DJANGO_BCRYPT_SHA256));
        assertTrue(hasher.needsRehash(DJANGO_BCRYPT_SHA256));
    }

    @Test
    void djangoBcryptSha256ChecksEveryCharacterOfALongPassword() {
        PasswordHasher hasher = hasher(SMALL);
        String password = "x".repeat(100) + "é";

        assertTrue(hasher.verify(password, DJANGO_BCRYPT_SHA256_LONG));
        assertFalse(hasher.verify("x".repeat(100) + "e", DJANGO_BCRYPT_SHA256_LONG));
        assertFalse(hasher.verify("x".repeat(100), DJANGO_BCRYPT_SHA256_LONG));
    }

    @Test
    void anUnusablePasswordMatchesNothingAfterTheWorkOfAnUnknownUser() {
        AtomicInteger slotsTaken = new AtomicInteger();
        PasswordHasher hasher = new PasswordHasher(SMALL, 1, WAIT, slotsTaken::incrementAndGet);

        assertFalse(hasher.verify("", DJANGO_UNUSABLE));
        assertFalse(hasher.verify("!", DJANGO_UNUSABLE));
        assertFalse(hasher.verify(DJANGO_UNUSABLE, DJANGO_UNUSABLE));
        assertFalse(hasher.verify("anything", "!"));

        assertEquals(3, slotsTaken.get(), "one burn per non-blank password, as for an unknown user");
    }

    @Test
    void formatOfNamesEveryAcceptedFormatWithoutHashing() {
        AtomicInteger slotsTaken = new AtomicInteger();
        new PasswordHasher(SMALL, 1, WAIT, slotsTaken::incrementAndGet);

        assertEquals(Optional.of(PasswordHasher.Format.ARGON2ID), PasswordHasher.formatOf(REFERENCE_ARGON2ID));
        assertEquals(Optional.of(PasswordHasher.Format.DJANGO_PBKDF2_SHA256), PasswordHasher.formatOf(DJANGO_PBKDF2));
        assertEquals(Optional.of(PasswordHasher.Format.DJANGO_ARGON2ID), PasswordHasher.formatOf(DJANGO_ARGON2ID));
        assertEquals(
                Optional.of(PasswordHasher.Format.DJANGO_BCRYPT_SHA256), PasswordHasher.formatOf(DJANGO_BCRYPT_SHA256));
        assertEquals(Optional.of(PasswordHasher.Format.UNUSABLE), PasswordHasher.formatOf(DJANGO_UNUSABLE));
        assertEquals(Optional.of(PasswordHasher.Format.UNUSABLE), PasswordHasher.formatOf("!"));
        assertEquals(0, slotsTaken.get());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                " ",
                "md5$tmEWbZKPmI2iMixFtKs50P$3c9a54d34af44b9fd3624883868bea6b",
                "sha1$salt$2d8e7ab9d4d2e2d1e0f4a9b1c3a7c5d6e8f0a1b2",
                "pbkdf2_sha1$260000$Kq3uX8tPz1LmR5vWc9yB2d$yEd0LeDaqeRlYGiKPlsCwE+luyBLkF8rkkmxQ9wmCZA=",
                "scrypt$16384$salt$8$1$c2FsdA==",
                "bcrypt$$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
                "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
                "argon2$argon2i$v=19$m=512,t=2,p=2$c29tZXNhbHQxNmJ5dGVzIQ$m6xBG8k85HgPW3aRhqsWoSVaaPky7WHJkPc8NhfAWfk",
                "argon2$argon2id$v=19$m=2097152,t=2,p=1$c29tZXNhbHQxNmJ5dGVzIQ$m6xBG8k85HgPW3aRhqsWoSVaaPky7WHJkPc8NhfAWfk",
                "argon2$$argon2id$v=19$m=64,t=1,p=2$YmFTdGIzNmhmUk5JVVE3dFBEWHltdQ$1ZMF36udKVg2gaiYLhZCQw",
                "bcrypt_sha256$$2b$17$wdOe/aDPZqjlAwVbeb5BsOr3hCpDVE1dFazoD.Vx5uK.VFC0x.hjG",
                "bcrypt_sha256$$2b$03$wdOe/aDPZqjlAwVbeb5BsOr3hCpDVE1dFazoD.Vx5uK.VFC0x.hjG",
                "bcrypt_sha256$$2b$04$wdOe/aDPZqjlAwVbeb5BsOr3hCpDVE1dFazoD.Vx5uK.VFC0x.hj",
                "bcrypt_sha256$$2b$04$wdOe/aDPZqjlAwVbeb5BsOr3hCpDVE1dFazoD.Vx5uK.VFC0x.hjG$",
                "bcrypt_sha256$$2c$04$wdOe/aDPZqjlAwVbeb5BsOr3hCpDVE1dFazoD.Vx5uK.VFC0x.hjG",
                "bcrypt_sha256$2b$04$wdOe/aDPZqjlAwVbeb5BsOr3hCpDVE1dFazoD.Vx5uK.VFC0x.hjG",
                "pbkdf2_sha256$10000001$Kq3uX8tPz1LmR5vWc9yB2d$yEd0LeDaqeRlYGiKPlsCwE+luyBLkF8rkkmxQ9wmCZA="
            })
    void formatOfKnowsNoOtherFormat(String encoded) {
        assertEquals(Optional.empty(), PasswordHasher.formatOf(encoded));
    }

    @Test
    void djangoPbkdf2HashesAlwaysNeedRehash() {
        PasswordHasher hasher = hasher(Argon2Parameters.OWASP);

        assertTrue(hasher.needsRehash(DJANGO_PBKDF2));
        assertTrue(hasher.needsRehash(DJANGO_PBKDF2_NON_ASCII));
    }

    @Test
    void argon2idHashesWithOtherParametersNeedRehash() {
        PasswordHasher owasp = hasher(Argon2Parameters.OWASP);

        assertTrue(owasp.needsRehash(hasher(SMALL).hash("password")));
        assertTrue(owasp.needsRehash(REFERENCE_ARGON2ID));
        assertTrue(owasp.needsRehash(REFERENCE_ARGON2ID_TWO_LANES));
        assertFalse(owasp.needsRehash(REFERENCE_ARGON2ID_OWASP));
    }

    @Test
    void aFreshHashDoesNotNeedRehash() {
        PasswordHasher hasher = hasher(SMALL);

        assertFalse(hasher.needsRehash(hasher.hash("password")));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "password", "$argon2id$garbage", "pbkdf2_sha256$abc$x$y", "bcrypt$2b$12$abc"})
    void unknownOrMalformedHashesNeedRehash(String encoded) {
        assertTrue(hasher(SMALL).needsRehash(encoded));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                " ",
                "password",
                "$argon2id$garbage",
                "$argon2id$",
                "$argon2id$v=19$m=32768,t=2,p=1$c29tZXNhbHQxNmJ5dGVzIQ$",
                "$argon2id$v=19$m=32768,t=2,p=1$$m6xBG8k85HgPW3aRhqsWoSVaaPky7WHJkPc8NhfAWfk",
                "$argon2id$v=19$m=32768,t=2,p=1$c29tZXNhbHQxNmJ5dGVzIQ$m6xBG8k85HgPW3aRhqsWoSVaaPky7WHJkPc8NhfAWfk$",
                "$argon2id$v=19$m=32768,t=2,p=1$c29tZXNhbHQxNmJ5dGVzIQ$m6xBG8k85HgPW3aRhqsWoSVaaPky7WHJkPc8NhfAWfk=",
                "$argon2id$v=19$m=32768,t=2,p=1$c29tZXNhbHQxNmJ5dGVzIQ$!!!!",
                "$argon2id$v=16$m=32768,t=2,p=1$c29tZXNhbHQxNmJ5dGVzIQ$m6xBG8k85HgPW3aRhqsWoSVaaPky7WHJkPc8NhfAWfk",
                "$argon2id$m=32768,t=2,p=1$c29tZXNhbHQxNmJ5dGVzIQ$m6xBG8k85HgPW3aRhqsWoSVaaPky7WHJkPc8NhfAWfk",
                "$argon2i$v=19$m=32768,t=2,p=1$c29tZXNhbHQxNmJ5dGVzIQ$m6xBG8k85HgPW3aRhqsWoSVaaPky7WHJkPc8NhfAWfk",
                "$argon2id$v=19$t=2,m=32768,p=1$c29tZXNhbHQxNmJ5dGVzIQ$m6xBG8k85HgPW3aRhqsWoSVaaPky7WHJkPc8NhfAWfk",
                "$argon2id$v=19$m=-1,t=2,p=1$c29tZXNhbHQxNmJ5dGVzIQ$m6xBG8k85HgPW3aRhqsWoSVaaPky7WHJkPc8NhfAWfk",
                "$argon2id$v=19$m=+32768,t=2,p=1$c29tZXNhbHQxNmJ5dGVzIQ$m6xBG8k85HgPW3aRhqsWoSVaaPky7WHJkPc8NhfAWfk",
                "$argon2id$v=19$m=2097152,t=2,p=1$c29tZXNhbHQxNmJ5dGVzIQ$m6xBG8k85HgPW3aRhqsWoSVaaPky7WHJkPc8NhfAWfk",
                "$argon2id$v=19$m=4294967296,t=2,p=1$c29tZXNhbHQxNmJ5dGVzIQ$m6xBG8k85HgPW3aRhqsWoSVaaPky7WHJkPc8NhfAWfk",
                "$argon2id$v=19$m=99999999999999999999,t=2,p=1$c29tZXNhbHQxNmJ5dGVzIQ$m6xBG8k85HgPW3aRhqsWoSVaaPky7WHJkPc8NhfAWfk",
                "$argon2id$v=19$m=32768,t=101,p=1$c29tZXNhbHQxNmJ5dGVzIQ$m6xBG8k85HgPW3aRhqsWoSVaaPky7WHJkPc8NhfAWfk",
                "$argon2id$v=19$m=32768,t=0,p=1$c29tZXNhbHQxNmJ5dGVzIQ$m6xBG8k85HgPW3aRhqsWoSVaaPky7WHJkPc8NhfAWfk",
                "$argon2id$v=19$m=32768,t=2,p=0$c29tZXNhbHQxNmJ5dGVzIQ$m6xBG8k85HgPW3aRhqsWoSVaaPky7WHJkPc8NhfAWfk",
                "$argon2id$v=19$m=32768,t=2,p=255$c29tZXNhbHQxNmJ5dGVzIQ$m6xBG8k85HgPW3aRhqsWoSVaaPky7WHJkPc8NhfAWfk",
                "$argon2id$v=19$m=4,t=2,p=1$c29tZXNhbHQxNmJ5dGVzIQ$m6xBG8k85HgPW3aRhqsWoSVaaPky7WHJkPc8NhfAWfk",
                "$argon2id$v=19$m=32768,t=2,p=1$c29tZQ$m6xBG8k85HgPW3aRhqsWoSVaaPky7WHJkPc8NhfAWfk",
                "$argon2id$v=19$m=32768,t=2,p=1$c29tZXNhbHQxNmJ5dGVzIQ$m6xBG8k85Hg",
                "pbkdf2_sha256$abc$x$y",
                "pbkdf2_sha256$260000$Kq3uX8tPz1LmR5vWc9yB2d$",
                "pbkdf2_sha256$260000$$yEd0LeDaqeRlYGiKPlsCwE+luyBLkF8rkkmxQ9wmCZA=",
                "pbkdf2_sha256$260000$Kq3uX8tPz1LmR5vWc9yB2d$yEd0LeDaqeRlYGiKPlsCwE+luyBLkF8rkkmxQ9wmCZA=$",
                "pbkdf2_sha256$260000$Kq3uX8tPz1LmR5vWc9yB2d$yEd0LeDaqeRlYGiKPlsCwE+luyBLkF8rkk",
                "pbkdf2_sha256$260000$Kq3uX8tPz1LmR5vWc9yB2d$not*base64",
                "pbkdf2_sha256$0$Kq3uX8tPz1LmR5vWc9yB2d$yEd0LeDaqeRlYGiKPlsCwE+luyBLkF8rkkmxQ9wmCZA=",
                "pbkdf2_sha256$-260000$Kq3uX8tPz1LmR5vWc9yB2d$yEd0LeDaqeRlYGiKPlsCwE+luyBLkF8rkkmxQ9wmCZA=",
                "pbkdf2_sha256$10000001$Kq3uX8tPz1LmR5vWc9yB2d$yEd0LeDaqeRlYGiKPlsCwE+luyBLkF8rkkmxQ9wmCZA=",
                "pbkdf2_sha256$2147483648$Kq3uX8tPz1LmR5vWc9yB2d$yEd0LeDaqeRlYGiKPlsCwE+luyBLkF8rkkmxQ9wmCZA=",
                "pbkdf2_sha1$260000$Kq3uX8tPz1LmR5vWc9yB2d$yEd0LeDaqeRlYGiKPlsCwE+luyBLkF8rkkmxQ9wmCZA=",
                "bcrypt$2b$12$abc",
                "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
                "argon2$argon2id$v=19$m=2097152,t=2,p=1$c29tZXNhbHQxNmJ5dGVzIQ$m6xBG8k85HgPW3aRhqsWoSVaaPky7WHJkPc8NhfAWfk",
                "argon2$argon2i$v=19$m=64,t=1,p=2$YmFTdGIzNmhmUk5JVVE3dFBEWHltdQ$1ZMF36udKVg2gaiYLhZCQw",
                "bcrypt_sha256$$2b$31$wdOe/aDPZqjlAwVbeb5BsOr3hCpDVE1dFazoD.Vx5uK.VFC0x.hjG",
                "bcrypt_sha256$$2b$04$wdOe/aDPZqjlAwVbeb5BsOr3hCpDVE1dFazoD.Vx5uK.VFC0x.hj!",
                "bcrypt_sha256$"
            })
    void malformedOrHostileStoredHashesNeverMatchAndNeverThrow(String encoded) {
        PasswordHasher hasher = hasher(SMALL);

        assertTimeout(Duration.ofSeconds(2), () -> {
            assertFalse(hasher.verify("password", encoded));
            assertFalse(hasher.verify("correct horse battery staple", encoded));
        });
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t\n"})
    void aMissingOrBlankPasswordNeverMatches(String password) {
        PasswordHasher hasher = hasher(SMALL);

        assertFalse(hasher.verify(password, REFERENCE_ARGON2ID_TWO_LANES));
        assertFalse(hasher.verify(password, DJANGO_PBKDF2_NON_ASCII));
        assertThrows(IllegalArgumentException.class, () -> hasher.hash(password));
    }

    @Test
    void everyHashingRunsInsideACapacitySlotButRejectedInputDoesNot() {
        AtomicInteger slotsTaken = new AtomicInteger();
        PasswordHasher hasher = new PasswordHasher(SMALL, 1, WAIT, slotsTaken::incrementAndGet);

        String stored = hasher.hash("password");
        hasher.verify("password", stored);
        hasher.verify("pässwörd", DJANGO_PBKDF2_NON_ASCII);
        hasher.burn("anything");
        assertEquals(4, slotsTaken.get());

        hasher.verify("password", "$argon2id$garbage");
        hasher.verify("", stored);
        hasher.needsRehash(stored);
        assertEquals(4, slotsTaken.get());
    }

    @Test
    void burnDoesTheArgon2WorkOfOneVerifyAndMatchesNothing() {
        AtomicInteger slotsTaken = new AtomicInteger();
        PasswordHasher hasher = new PasswordHasher(SMALL, 1, WAIT, slotsTaken::incrementAndGet);

        hasher.burn("password");
        hasher.burn("");

        assertEquals(1, slotsTaken.get());
    }

    @Test
    void aSecondHashIsRefusedAsBusyWhileTheOnlySlotIsTaken() throws Exception {
        CountDownLatch inSlot = new CountDownLatch(1);
        CountDownLatch leaveSlot = new CountDownLatch(1);
        PasswordHasher hasher = new PasswordHasher(SMALL, 1, Duration.ofMillis(50), () -> {
            inSlot.countDown();
            awaitQuietly(leaveSlot);
        });
        String stored = hasher(SMALL).hash("password");
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> holder = executor.submit(() -> hasher.verify("password", stored));
            assertTrue(inSlot.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));

            assertThrows(HashingCapacityExceededException.class, () -> hasher.verify("password", stored));
            assertThrows(HashingCapacityExceededException.class, () -> hasher.hash("password"));
            assertThrows(HashingCapacityExceededException.class, () -> hasher.burn("password"));
            assertThrows(
                    HashingCapacityExceededException.class,
                    () -> hasher.verify("correct horse battery staple", DJANGO_PBKDF2));

            leaveSlot.countDown();
            assertTrue(holder.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        } finally {
            leaveSlot.countDown();
            executor.shutdownNow();
        }
        assertTrue(hasher.verify("password", stored), "the slot is free again once the first hash is done");
    }

    @Test
    void anUnknownUsersBurnWaitsInTheGeneralLaneAndLeavesThePriorityLaneOpen() throws Exception {
        CountDownLatch inSlot = new CountDownLatch(1);
        CountDownLatch leaveSlot = new CountDownLatch(1);
        PasswordHasher hasher = new PasswordHasher(SMALL, 1, 1, WAIT, () -> {
            inSlot.countDown();
            awaitQuietly(leaveSlot);
        });
        String stored = hasher(SMALL).hash("password");
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> holder = executor.submit(() -> hasher.verify("password", stored, HashingLane.PRIORITY));
            assertTrue(inSlot.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            Future<?> burner = executor.submit(() -> hasher.burn("guess"));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (hasher.waiting() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }

            assertEquals(1, hasher.waiting());
            assertTrue(hasher.isFull(HashingLane.GENERAL), "the burn took the general lane's only place");
            assertFalse(hasher.isFull(HashingLane.PRIORITY));
            assertThrows(HashingCapacityExceededException.class, () -> hasher.hash("password"));

            leaveSlot.countDown();
            assertTrue(holder.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            burner.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            leaveSlot.countDown();
            executor.shutdownNow();
        }
    }

    @Test
    void aWaitForASlotThatIsInterruptedIsRefusedAndKeepsTheInterrupt() {
        PasswordHasher hasher = hasher(SMALL);
        Thread.currentThread().interrupt();
        try {
            assertThrows(HashingCapacityExceededException.class, () -> hasher.hash("password"));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        assertTrue(hasher.verify("password", hasher.hash("password")), "the interrupted call took no slot");
    }

    @Test
    void refusalIsAServiceBusyProblem() {
        HashingCapacityExceededException busy = new HashingCapacityExceededException();

        assertEquals("service_busy", busy.code());
        assertEquals(503, busy.status());
        assertEquals("password hashing capacity exhausted", busy.getMessage());
    }

    @Test
    void nonsensicalConfigurationIsRejectedAtConstruction() {
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(SMALL, 0, WAIT));
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(SMALL, 1, Duration.ofMillis(-1)));
        assertThrows(NullPointerException.class, () -> new PasswordHasher(null, 1, WAIT));
        assertThrows(NullPointerException.class, () -> new PasswordHasher(SMALL, 1, null));
        assertThrows(IllegalArgumentException.class, () -> new Argon2Parameters(4, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Argon2Parameters(2 * 1024 * 1024, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Argon2Parameters(64, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Argon2Parameters(64, 1, 0));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("test latch never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
