package io.portero.platform.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portero.platform.problem.Messages;
import io.portero.platform.problem.Problem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PageRequestTest {

    private static final Map<String, String> SORTABLE = Map.of(
            "started_at", "s.startedAt",
            "last_activity_at", "s.lastActivityAt",
            "username", "a.username");
    private static final String DEFAULT_SORT = "started_at,desc";

    private static PageRequest parse(String page, String size, String sort) {
        return PageRequest.of(page, size, sort, SORTABLE, DEFAULT_SORT);
    }

    /** The single violation a rejected query reports, as {@code field:code}. */
    private static String violationOf(QueryRejectedException e) {
        assertEquals("validation_failed", e.code());
        assertEquals(400, e.status());
        @SuppressWarnings("unchecked")
        List<Problem.Violation> violations =
                (List<Problem.Violation>) e.extensions(Messages.ENGLISH).get("violations");
        assertEquals(1, violations.size());
        return violations.get(0).field() + ":" + violations.get(0).code();
    }

    @Test
    void absentParametersGiveTheFirstPageOfFiftyInTheDefaultOrder() {
        PageRequest request = parse(null, null, null);

        assertEquals(new PageRequest(0, 50, "s.startedAt", false), request);
        assertEquals(0, request.offset());
    }

    @Test
    void blankParametersCountAsAbsent() {
        assertEquals(new PageRequest(0, 50, "s.startedAt", false), parse(" ", "", "  "));
    }

    @Test
    void pageAndSizeGiveTheOffset() {
        PageRequest request = parse("3", "20", null);

        assertEquals(3, request.page());
        assertEquals(20, request.size());
        assertEquals(60, request.offset());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "200", " 200 "})
    void sizeFromOneToTwoHundredIsAccepted(String size) {
        assertEquals(Integer.parseInt(size.trim()), parse(null, size, null).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "201", "-1", "100000"})
    void sizeOutsideOneToTwoHundredIsOutOfRange(String size) {
        QueryRejectedException e = assertThrows(QueryRejectedException.class, () -> parse(null, size, null));

        assertEquals("size:out_of_range", violationOf(e));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1000001"})
    void pageBelowZeroOrBeyondAMillionIsOutOfRange(String page) {
        QueryRejectedException e = assertThrows(QueryRejectedException.class, () -> parse(page, null, null));

        assertEquals("page:out_of_range", violationOf(e));
    }

    @ParameterizedTest
    @CsvSource({"page, abc", "page, 1.5", "page, 99999999999", "size, ten", "size, 0x10"})
    void nonNumericPageOrSizeIsAnInvalidQuery(String parameter, String value) {
        String page = "page".equals(parameter) ? value : null;
        String size = "size".equals(parameter) ? value : null;

        QueryRejectedException e = assertThrows(QueryRejectedException.class, () -> parse(page, size, null));

        assertEquals(parameter + ":invalid_query", violationOf(e));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "started_at,desc      | s.startedAt      | false",
                "started_at,asc       | s.startedAt      | true",
                "last_activity_at,DESC| s.lastActivityAt | false",
                "' username , Asc '   | a.username       | true",
                "username             | a.username       | true"
            })
    void sortNamesAnAllowedFieldAndAnOptionalDirection(String sort, String column, boolean ascending) {
        PageRequest request = parse(null, null, sort);

        assertEquals(column, request.sortColumn());
        assertEquals(ascending, request.ascending());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "password_hash",
                "startedAt",
                "STARTED_AT",
                "started_at,up",
                "started_at,",
                ",asc",
                "started_at,desc,username",
                "username,asc,extra",
                ","
            })
    void sortOnAnUnknownFieldOrWithABadDirectionIsRefused(String sort) {
        QueryRejectedException e = assertThrows(QueryRejectedException.class, () -> parse(null, null, sort));

        assertEquals("sort:invalid_sort", violationOf(e));
    }

    @Test
    void theDefaultSortIsUsedOnlyWhenSortIsAbsent() {
        assertTrue(PageRequest.of(null, null, null, SORTABLE, "username").ascending());
        assertEquals(
                "a.username",
                PageRequest.of(null, null, null, SORTABLE, "username").sortColumn());
        assertEquals(
                "s.lastActivityAt",
                PageRequest.of(null, null, "last_activity_at", SORTABLE, "username")
                        .sortColumn());
    }

    @ParameterizedTest
    @CsvSource({
        "2026-11-28T06:00:00Z, 2026-11-28T06:00:00Z",
        "' 2026-11-28T06:00:00.250Z ', 2026-11-28T06:00:00.250Z",
        "2026-11-28T07:00:00+01:00, 2026-11-28T06:00:00Z",
        "2026-11-28T01:00:00-05:00, 2026-11-28T06:00:00Z"
    })
    void instantsAreReadInUtcOrWithAnOffset(String value, String expected) {
        assertEquals(Instant.parse(expected), PageRequest.instant("from", value));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void anAbsentInstantIsNull(String value) {
        assertNull(PageRequest.instant("from", value));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "yesterday",
                "2026-11-28",
                "2026-11-28T06:00:00",
                "2026-13-01T00:00:00Z",
                "1764309600",
                "+999999999-12-31T23:59:59Z",
                "-999999999-01-01T00:00:00Z",
                "+10000-01-01T00:00:00Z",
                "0000-12-31T23:59:59Z"
            })
    void anInstantThatIsNotIso8601IsAnInvalidTimestamp(String value) {
        QueryRejectedException e =
                assertThrows(QueryRejectedException.class, () -> PageRequest.instant("until", value));

        assertEquals("until:invalid_timestamp", violationOf(e));
    }

    @ParameterizedTest
    @CsvSource({"true, true", "TRUE, true", "' False ', false", "false, false"})
    void booleansAreTrueOrFalseInAnyCase(String value, boolean expected) {
        assertEquals(expected, PageRequest.bool("active", value));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void anAbsentBooleanIsNull(String value) {
        assertNull(PageRequest.bool("active", value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "on", "t"})
    void anyOtherBooleanIsAnInvalidQuery(String value) {
        QueryRejectedException e = assertThrows(QueryRejectedException.class, () -> PageRequest.bool("active", value));

        assertEquals("active:invalid_query", violationOf(e));
    }
}
