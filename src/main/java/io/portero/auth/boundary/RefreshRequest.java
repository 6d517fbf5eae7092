package io.portero.auth.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/token/refresh/}. */
public class RefreshRequest {

    @NotBlank
    @Size(max = 512)
    public String refresh;
}
