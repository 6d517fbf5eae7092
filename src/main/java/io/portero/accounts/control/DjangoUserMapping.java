package io.portero.accounts.control;

import io.portero.accounts.entity.Account;
import io.portero.accounts.entity.ImportedUser;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns one row of a Django user export into the account it describes, or says why it cannot:
 * <ul>
 *   <li>the row must be an object of the user model ({@code model}, by default {@code auth.user},
 *       any letter case) with a {@code fields} object;
 *   <li>{@code username}: a string, stored as Portero stores names (Unicode NFKC; letters, digits,
 *       {@code @ . + - _}; its lower-cased key at most 150 characters);
 *   <li>{@code password}: kept exactly as it is, if it is a format Portero verifies
 *       ({@link PasswordHasher#formatOf}) or Django's unusable password ({@code !…}); any other is
 *       refused as {@code unknown_hash_format}, never guessed;
 *   <li>{@code email}: empty is none; otherwise at most 254 characters, one {@code @};
 *   <li>{@code is_active} → enabled; administrator from {@code is_superuser} and/or
 *       {@code is_staff} as configured ({@link AdminFrom}); absent booleans take Django's model
 *       defaults (active, not staff, not superuser);
 *   <li>{@code date_joined} → the account's creation (absent: the import's time), {@code last_login}
 *       → its last login (null: never): ISO-8601 as Django writes it, with a zone ({@code Z}, an
 *       offset) or, written with {@code USE_TZ = False}, without one, then read in the configured
 *       zone;
 *   <li>{@code first_name}, {@code last_name}, {@code groups}, {@code user_permissions} and any
 *       other field are not imported.
 * </ul>
 * No text may hold a NUL or a lone surrogate (which no column stores faithfully).
 */
public final class DjangoUserMapping {

    /** Which Django flags make an account a Portero administrator. */
    public enum AdminFrom {
        SUPERUSER,
        STAFF,
        SUPERUSER_OR_STAFF,
        NONE;

        /** The configured name: {@code superuser}, {@code staff}, {@code superuser-or-staff}, {@code none}. */
        public static AdminFrom parse(String name) {
            for (AdminFrom choice : values()) {
                if (choice.name().replace('_', '-').equalsIgnoreCase(name.trim())) {
                    return choice;
                }
            }
            throw new IllegalArgumentException(
                    "portero.import.admin-from must be superuser, staff, superuser-or-staff or none: " + name);
        }

        boolean admin(boolean superuser, boolean staff) {
            return switch (this) {
                case SUPERUSER -> superuser;
                case STAFF -> staff;
                case SUPERUSER_OR_STAFF -> superuser || staff;
                case NONE -> false;
            };
        }
    }

    /** The longest password text stored (the column's width). */
    static final int MAX_PASSWORD_LENGTH = 512;

    static final int MAX_EMAIL_LENGTH = 254;

    private final String userModel;
    private final AdminFrom adminFrom;
    private final ZoneId naiveZone;
    private final Instant now;

    /**
     * @param userModel the model label rows must carry, e.g. {@code auth.user}
     * @param naiveZone the zone of datetimes written without one
     * @param now the import's time: the creation of rows without {@code date_joined}
     */
    public DjangoUserMapping(String userModel, AdminFrom adminFrom, ZoneId naiveZone, Instant now) {
        this.userModel = userModel.trim().toLowerCase(Locale.ROOT);
        this.adminFrom = adminFrom;
        this.naiveZone = naiveZone;
        this.now = now;
    }

    /** A row that cannot be imported: why, and which field (null when the row as a whole). */
    public static final class RowRefused extends RuntimeException {

        private final String reason;
        private final String field;

        RowRefused(String reason, String field) {
            super(reason, null, false, false);
            this.reason = reason;
            this.field = field;
        }

        public String reason() {
            return reason;
        }

        public String field() {
            return field;
        }
    }

    /**
     * The lookup key of the row's username, if the row is a user row with a valid username: two
     * rows with the same key are the same name to Portero.
     */
    public Optional<String> keyOf(JsonValue row) {
        try {
            return Optional.of(username(fields(row)).key());
        } catch (RowRefused e) {
            return Optional.empty();
        }
    }

    /**
     * The account the row at {@code position} describes.
     *
     * @throws RowRefused if it cannot be imported
     */
    public ImportedUser map(DjangoExport.Row position) {
        JsonObject fields = fields(position.value());
        Name name = username(fields);
        String password = password(fields);
        String email = email(fields);
        boolean active = flag(fields, "is_active", true);
        boolean staff = flag(fields, "is_staff", false);
        boolean superuser = flag(fields, "is_superuser", false);
        Instant joined = instant(fields, "date_joined");
        Instant lastLogin = instant(fields, "last_login");
        return new ImportedUser(
                position.index(),
                position.line(),
                pkOf(position.value()),
                name.display(),
                name.key(),
                email,
                password,
                active,
                adminFrom.admin(superuser, staff),
                joined == null ? now : joined,
                lastLogin);
    }

    /** The row's Django primary key as text, for the report; null when it has none that reads. */
    public static String pkOf(JsonValue row) {
        if (!(row instanceof JsonObject object)) {
            return null;
        }
        JsonValue pk = object.get("pk");
        String text = pk instanceof JsonString string
                ? string.getString()
                : pk instanceof JsonNumber number ? number.toString() : null;
        return text == null || text.length() > 64 || !isStorable(text) ? null : text;
    }

    /** The row's username as it was written, for the report; null when there is none that reads. */
    public static String rawUsernameOf(JsonValue row) {
        if (row instanceof JsonObject object
                && object.get("fields") instanceof JsonObject fields
                && fields.get("username") instanceof JsonString name
                && isStorable(name.getString())) {
            String text = name.getString();
            return text.length() > Account.MAX_USERNAME_LENGTH ? text.substring(0, Account.MAX_USERNAME_LENGTH) : text;
        }
        return null;
    }

    private JsonObject fields(JsonValue row) {
        if (!(row instanceof JsonObject object)) {
            throw new RowRefused("not_an_object", null);
        }
        if (!(object.get("model") instanceof JsonString model)
                || !model.getString().toLowerCase(Locale.ROOT).equals(userModel)) {
            throw new RowRefused("wrong_model", "model");
        }
        if (!(object.get("fields") instanceof JsonObject fields)) {
            throw new RowRefused("invalid_field", "fields");
        }
        return fields;
    }

    private record Name(String display, String key) {}

    private static Name username(JsonObject fields) {
        String raw = text(fields, "username");
        if (raw == null) {
            throw new RowRefused("invalid_field", "username");
        }
        String display = Account.normalize(raw);
        String key = Account.keyOf(raw);
        if (!display.matches(Account.USERNAME_PATTERN)
                || display.length() > Account.MAX_USERNAME_LENGTH
                || key.length() > Account.MAX_USERNAME_LENGTH) {
            throw new RowRefused("invalid_field", "username");
        }
        return new Name(display, key);
    }

    private static String password(JsonObject fields) {
        String password = text(fields, "password");
        if (password == null || password.length() > MAX_PASSWORD_LENGTH) {
            throw new RowRefused("invalid_field", "password");
        }
        if (PasswordHasher.formatOf(password).isEmpty()) {
            throw new RowRefused("unknown_hash_format", "password");
        }
        return password;
    }

    private static String email(JsonObject fields) {
        if (!fields.containsKey("email") || fields.get("email") == JsonValue.NULL) {
            return null;
        }
        String email = text(fields, "email");
        if (email == null) {
            throw new RowRefused("invalid_field", "email");
        }
        email = email.trim();
        if (email.isEmpty()) {
            return null;
        }
        if (email.length() > MAX_EMAIL_LENGTH || !email.matches("[^@\\s]+@[^@\\s]+")) {
            throw new RowRefused("invalid_field", "email");
        }
        return email;
    }

    private static boolean flag(JsonObject fields, String name, boolean absent) {
        JsonValue value = fields.get(name);
        if (value == null) {
            return absent;
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        throw new RowRefused("invalid_field", name);
    }

    /** A datetime field; null when absent or null. */
    private Instant instant(JsonObject fields, String name) {
        JsonValue value = fields.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        String text = value instanceof JsonString string ? string.getString() : null;
        if (text == null || text.length() > 40) {
            throw new RowRefused("invalid_field", name);
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutZone) {
            try {
                instant = LocalDateTime.parse(text).atZone(naiveZone).toInstant();
            } catch (DateTimeParseException e) {
                throw new RowRefused("invalid_field", name);
            }
        }
        if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
            throw new RowRefused("invalid_field", name);
        }
        return instant;
    }

    /** The range every database stores: the years 1 to 9999, as Python's datetime. */
    private static final Instant EARLIEST = Instant.parse("0001-01-02T00:00:00Z");

    private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    /** A string field, or null when absent, null, of another JSON type, or not storable. */
    private static String text(JsonObject fields, String name) {
        return fields.get(name) instanceof JsonString string && isStorable(string.getString())
                ? string.getString()
                : null;
    }

    /** Whether text holds no NUL and no lone surrogate. */
    static boolean isStorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
