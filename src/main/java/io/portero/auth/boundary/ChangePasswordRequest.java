package io.portero.auth.boundary;

import io.portero.platform.http.JsonRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /api/change-password/}. */
public class ChangePasswordRequest implements JsonRequest {

    @NotNull
    @Size(min = 1, max = 1024)
    public String currentPassword;

    @NotNull
    @Size(min = 1, max = 1024)
    public String newPassword;

    public Boolean keepCurrentSession;
}
