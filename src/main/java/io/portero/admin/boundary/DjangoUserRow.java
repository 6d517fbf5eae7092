package io.portero.admin.boundary;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One row of a Django user export, as {@code manage.py dumpdata auth.user} writes it: the shape the
 * OpenAPI document gives the import's body. The import itself reads rows as a stream, not through
 * this type.
 */
@Schema(name = "DjangoUserRow", description = "One row of `manage.py dumpdata auth.user`")
public record DjangoUserRow(
        @Schema(description = "The user model's label: auth.user (portero.import.user-model)")
        String model,

        @Schema(description = "Django's primary key (echoed in the report)")
        Long pk,

        DjangoUserFields fields) {

    /** The fields Portero imports; others (first_name, groups, …) are ignored. */
    @Schema(name = "DjangoUserFields", description = "The user's fields; others (first_name, groups, …) are ignored")
    public record DjangoUserFields(
            @Schema(description = "Normalised to NFKC; unique regardless of letter case")
            String username,

            @Schema(
                    description = "Kept as it is: pbkdf2_sha256$…, argon2$argon2id$…, bcrypt_sha256$…, or "
                            + "unusable (!…); any other format refuses the row")
            String password,

            String email,
            @Schema(description = "enabled (default true)") Boolean isActive,

            @Schema(description = "administrator if portero.import.admin-from says so")
            Boolean isStaff,

            @Schema(description = "administrator if portero.import.admin-from says so (the default)")
            Boolean isSuperuser,

            @Schema(description = "the account's creation; without a zone read in portero.import.time-zone")
            Instant dateJoined,

            Instant lastLogin) {}
}
