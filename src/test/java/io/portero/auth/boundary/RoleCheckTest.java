package io.portero.auth.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoleCheckTest {

    @RolesAllowed("admin")
    static class AdminOnly {
        public void inherits() {}

        @RolesAllowed({"user", "admin"})
        public void widened() {}

        @PermitAll
        public void open() {}

        @DenyAll
        public void closed() {}
    }

    static class Unannotated {
        public void free() {}

        @RolesAllowed("user")
        public void users() {}
    }

    @DenyAll
    static class Closed {
        public void inherits() {}
    }

    private static List<String> roles(Class<?> type, String method) throws NoSuchMethodException {
        Method m = type.getMethod(method);
        return RoleCheck.requiredRoles(m, type);
    }

    @Test
    void theMethodsAnnotationComesBeforeItsClasss() throws NoSuchMethodException {
        assertEquals(List.of("admin"), roles(AdminOnly.class, "inherits"));
        assertEquals(List.of("user", "admin"), roles(AdminOnly.class, "widened"));
        assertNull(roles(AdminOnly.class, "open"), "anyone");
        assertEquals(List.of(), roles(AdminOnly.class, "closed"), "nobody");
    }

    @Test
    void withoutAnnotationsAnyoneMayCallAndDenyAllOnTheClassClosesEveryMethod() throws NoSuchMethodException {
        assertNull(roles(Unannotated.class, "free"));
        assertEquals(List.of("user"), roles(Unannotated.class, "users"));
        assertEquals(List.of(), roles(Closed.class, "inherits"));
    }
}
