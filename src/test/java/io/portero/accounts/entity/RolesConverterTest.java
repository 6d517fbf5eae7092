package io.portero.accounts.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class RolesConverterTest {

    private final RolesConverter converter = new RolesConverter();

    @Test
    void rolesAreStoredAsSortedGroupNames() {
        assertEquals("admin,user", converter.convertToDatabaseColumn(EnumSet.of(Role.USER, Role.ADMIN)));
        assertEquals("user", converter.convertToDatabaseColumn(EnumSet.of(Role.USER)));
        assertEquals("", converter.convertToDatabaseColumn(EnumSet.noneOf(Role.class)));
    }

    @Test
    void everySetOfRolesSurvivesTheRoundTrip() {
        for (Set<Role> roles : Set.of(
                EnumSet.noneOf(Role.class), EnumSet.of(Role.USER), EnumSet.of(Role.ADMIN), EnumSet.allOf(Role.class))) {
            assertEquals(roles, converter.convertToEntityAttribute(converter.convertToDatabaseColumn(roles)));
        }
    }

    @Test
    void spacesAroundNamesAreIgnored() {
        assertEquals(EnumSet.of(Role.USER, Role.ADMIN), converter.convertToEntityAttribute(" user , admin "));
    }

    @Test
    void unknownGroupNamesAreIgnored() {
        assertEquals(EnumSet.of(Role.ADMIN, Role.USER), converter.convertToEntityAttribute("admin,superuser,user,"));
        assertEquals(EnumSet.of(Role.USER), converter.convertToEntityAttribute("ADMIN,user"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void anEmptyColumnHasNoRoles(String column) {
        assertEquals(EnumSet.noneOf(Role.class), converter.convertToEntityAttribute(column));
    }
}
