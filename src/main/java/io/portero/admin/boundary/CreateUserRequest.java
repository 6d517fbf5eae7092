package io.portero.admin.boundary;

import io.portero.platform.http.JsonRequest;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * {@code POST /api/admin/users}. Usernames follow the original's rule: letters, digits and
 * {@code @ . + - _}, at most 150 characters.
 */
public class CreateUserRequest implements JsonRequest {

    @NotBlank
    @Size(max = 150)
    @Pattern(regexp = "[\\p{L}\\p{N}@.+_-]+")
    public String username;

    @NotNull
    @Size(min = 1, max = 1024)
    public String password;

    @Email
    @Size(max = 254)
    public String email;

    @Size(max = 2)
    public List<String> roles;
}
