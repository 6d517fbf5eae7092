package io.portero.auth.boundary;

import io.portero.platform.http.JsonRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/token/refresh/}. */
public class RefreshRequest implements JsonRequest {

    @NotBlank
    @Size(max = 512)
    public String refresh;
}
