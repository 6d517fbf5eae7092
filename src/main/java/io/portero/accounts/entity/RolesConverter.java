package io.portero.accounts.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Stores a set of roles as their group names, comma-separated and sorted ({@code admin,user}). */
@Converter
public class RolesConverter implements AttributeConverter<Set<Role>, String> {

    @Override
    public String convertToDatabaseColumn(Set<Role> roles) {
        return roles.stream().map(Role::group).sorted().collect(Collectors.joining(","));
    }

    @Override
    public Set<Role> convertToEntityAttribute(String column) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (column != null) {
            Arrays.stream(column.split(","))
                    .map(String::trim)
                    .map(Role::ofGroup)
                    .filter(Objects::nonNull)
                    .forEach(roles::add);
        }
        return roles;
    }
}
