package io.portero.auth.boundary;

import io.portero.platform.http.JsonRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/token/}. {@code end_session} names one of the user's live sessions to end in
 * the same step, for a login refused by the device limit. (Request bodies are classes, not
 * records: Payara's OpenAPI scanner fails on constraints of record components.)
 */
public class LoginRequest implements JsonRequest {

    @NotBlank
    @Size(max = 150)
    public String username;

    @NotNull
    @Size(min = 1, max = 1024)
    public String password;

    @Pattern(regexp = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
    public String endSession;
}
