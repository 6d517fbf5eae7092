package io.portero.admin.boundary;

import io.portero.platform.http.JsonRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code PUT /api/admin/users/{username}/password}. */
public class PasswordRequest implements JsonRequest {

    @NotNull
    @Size(min = 1, max = 1024)
    public String password;
}
