package io.portero.platform.paging;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * A list request as the API's common rules define it: {@code page} from 0, {@code size} from 1 to
 * 200 (default 50), and {@code sort=field,asc|desc} over the fields a list allows.
 */
public record PageRequest(int page, int size, String sortColumn, boolean ascending) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    /**
     * Parses the raw query values. {@code sortable} maps the API's field names to the columns they
     * sort by; {@code defaultSort} is used when {@code sort} is absent.
     */
    public static PageRequest of(
            String page, String size, String sort, Map<String, String> sortable, String defaultSort) {
        int pageNumber = integer("page", page, 0);
        int pageSize = integer("size", size, DEFAULT_SIZE);
        if (pageNumber < 0 || pageNumber > 1_000_000) {
            throw new QueryRejectedException("page", "out_of_range");
        }
        if (pageSize < 1 || pageSize > MAX_SIZE) {
            throw new QueryRejectedException("size", "out_of_range");
        }
        String effective = sort == null || sort.isBlank() ? defaultSort : sort.trim();
        String[] parts = effective.split(",", -1);
        String column = sortable.get(parts[0].trim());
        boolean ascending = parts.length < 2 || "asc".equalsIgnoreCase(parts[1].trim());
        if (column == null
                || parts.length > 2
                || (parts.length == 2
                        && !parts[1].trim().toLowerCase(Locale.ROOT).matches("asc|desc"))) {
            throw new QueryRejectedException("sort", "invalid_sort");
        }
        return new PageRequest(pageNumber, pageSize, column, ascending);
    }

    public int offset() {
        return page * size;
    }

    private static int integer(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new QueryRejectedException(name, "invalid_query");
        }
    }

    /** The earliest instant a filter may name: year 1. */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    /** The latest instant a filter may name: the end of year 9999. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /**
     * An optional ISO-8601 instant query parameter, between {@link #EARLIEST} and {@link #LATEST}:
     * ISO-8601 also reads years like {@code +999999999}, which no database column can hold.
     */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            try {
                instant = OffsetDateTime.parse(value.trim()).toInstant();
            } catch (DateTimeParseException again) {
                throw new QueryRejectedException(name, "invalid_timestamp");
            }
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new QueryRejectedException(name, "invalid_timestamp");
        }
        return instant;
    }

    /** An optional boolean query parameter: {@code true}, {@code false} or absent. */
    public static Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new QueryRejectedException(name, "invalid_query");
        };
    }
}
