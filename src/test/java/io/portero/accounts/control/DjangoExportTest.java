package io.portero.accounts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portero.accounts.entity.ExportFormat;
import io.portero.accounts.entity.MalformedImportException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DjangoExportTest {

    @TempDir
    Path dir;

    private static final String ROW_1 =
            "{\"model\": \"auth.user\", \"pk\": 1, \"fields\": {\"username\": \"ana\", \"groups\": [1, 2]}}";
    private static final String ROW_2 = "{\"model\": \"auth.user\", \"pk\": 2, \"fields\": {\"username\": \"bo\"}}";

    private Path file(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(dir, "export", ".json");
        Files.write(file, bytes);
        return file;
    }

    private Path file(String text) throws IOException {
        return file(text.getBytes(StandardCharsets.UTF_8));
    }

    private List<DjangoExport.Row> read(String text, ExportFormat format) throws IOException {
        List<DjangoExport.Row> rows = new ArrayList<>();
        int count = DjangoExport.read(file(text), format, rows::add);
        assertEquals(rows.size(), count);
        return rows;
    }

    private MalformedImportException malformed(byte[] bytes, ExportFormat format) throws IOException {
        Path file = file(bytes);
        return assertThrows(MalformedImportException.class, () -> DjangoExport.read(file, format, row -> {}));
    }

    private MalformedImportException malformed(String text, ExportFormat format) throws IOException {
        return malformed(text.getBytes(StandardCharsets.UTF_8), format);
    }

    @Test
    void readsTheRowsOfAnIndentedJsonArrayWithTheLineEachStartsOn() throws IOException {
        List<DjangoExport.Row> rows = read("[\n" + ROW_1 + ",\n" + ROW_2 + "\n]\n", ExportFormat.JSON);

        assertEquals(2, rows.size());
        assertEquals(0, rows.get(0).index());
        assertEquals(2, rows.get(0).line());
        assertEquals("ana", fields(rows.get(0)).getString("username"));
        assertEquals(1, rows.get(1).index());
        assertEquals(3, rows.get(1).line());
        assertEquals("bo", fields(rows.get(1)).getString("username"));
    }

    @Test
    void anEmptyArrayHasNoRows() throws IOException {
        assertEquals(List.of(), read(" [ ] ", ExportFormat.JSON));
    }

    @Test
    void rowsNeedNotBeObjects() throws IOException {
        List<DjangoExport.Row> rows = read("[1, \"x\", null, [true]]", ExportFormat.JSON);

        assertEquals(4, rows.size());
        assertSame(JsonValue.NULL, rows.get(2).value());
    }

    @Test
    void readsJsonLinesSkippingBlankLinesAndCarriageReturns() throws IOException {
        List<DjangoExport.Row> rows = read(ROW_1 + "\r\n\n  \r\n" + ROW_2, ExportFormat.JSON_LINES);

        assertEquals(2, rows.size());
        assertEquals(0, rows.get(0).index());
        assertEquals(1, rows.get(0).line());
        assertEquals(1, rows.get(1).index());
        assertEquals(4, rows.get(1).line());
        assertEquals("bo", fields(rows.get(1)).getString("username"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "empty body||empty",
                "white space|'   '|empty",
                "an object|{}|not_an_array",
                "a string|\"x\"|not_an_array",
                "null|null|not_an_array",
                "a number|1e999999|not_an_array",
                "truncated|[{\"model\": \"auth.user\"|invalid_json",
                "unclosed array|[{}, {}|invalid_json",
                "garbage after|[]garbage|content_after_array",
                "a second array|[] []|content_after_array",
                "a missing comma|[{} {}]|invalid_json",
                "a duplicate name|[{\"model\": \"auth.user\", \"model\": \"x\"}]|duplicate_key",
                "a nested duplicate name|[{\"fields\": {\"a\": 1, \"b\": {\"c\": 1, \"c\": 2}}}]|duplicate_key",
            })
    void aJsonExportThatIsNotOneArrayOfJsonValuesIsMalformed(String label, String body, String reason)
            throws IOException {
        assertEquals(
                reason, malformed(body == null ? "" : body, ExportFormat.JSON).reason(), label);
    }

    @Test
    void lineBreaksAndTabsAloneAreAnEmptyExport() throws IOException {
        assertEquals("empty", malformed(" \t\r\n ", ExportFormat.JSON).reason());
        assertEquals("empty", malformed(" \t\r\n ", ExportFormat.JSON_LINES).reason());
        assertEquals("empty", malformed("", ExportFormat.JSON_LINES).reason());
    }

    @Test
    void aMalformedExportSaysWhere() throws IOException {
        MalformedImportException e = malformed("[\n" + ROW_1 + ",\n  {\"model\" \"x\"}\n]", ExportFormat.JSON);

        assertEquals("invalid_json", e.reason());
        assertEquals(3, e.line());
        assertTrue(e.column() >= 12 && e.column() <= 15, "near the value without its colon: " + e.column());
    }

    @Test
    void nestingDeeperThanTheLimitIsMalformed() throws IOException {
        String deep = "[" + "[".repeat(DjangoExport.MAX_DEPTH + 1) + "]".repeat(DjangoExport.MAX_DEPTH + 1) + "]";
        String deepObjects = "[" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + "]";

        assertEquals("too_deep", malformed(deep, ExportFormat.JSON).reason());
        assertEquals("too_deep", malformed(deepObjects, ExportFormat.JSON).reason());
        assertEquals(
                1,
                read(
                                "[" + "[".repeat(DjangoExport.MAX_DEPTH) + "]".repeat(DjangoExport.MAX_DEPTH) + "]",
                                ExportFormat.JSON)
                        .size());
    }

    @Test
    void invalidUtf8IsMalformed() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("[{\"a\": \"ab".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF});
        bytes.writeBytes("\"}]".getBytes(StandardCharsets.UTF_8));

        assertEquals(
                "invalid_utf8",
                malformed(bytes.toByteArray(), ExportFormat.JSON).reason());
        assertEquals(
                "invalid_utf8",
                malformed(bytes.toByteArray(), ExportFormat.JSON_LINES).reason());
    }

    @Test
    void aRowLargerThanTheLimitIsMalformedBeforeItIsBuilt() throws IOException {
        String huge = "[{\"a\": \"" + "x".repeat(5 * 1024 * 1024) + "\"}]";
        String largeButFine = "[" + ("{\"a\": \"" + "x".repeat(60 * 1024) + "\"},").repeat(20) + "{}]";

        assertEquals("row_too_large", malformed(huge, ExportFormat.JSON).reason());
        assertEquals(
                "row_too_large",
                malformed(huge.substring(1, huge.length() - 1), ExportFormat.JSON_LINES)
                        .reason());
        assertEquals(21, read(largeButFine, ExportFormat.JSON).size(), "many large rows, each under the limit");
        assertEquals(
                "row_too_large",
                malformed(
                                "[{\"a\": \"" + "x".repeat(50_000) + "\", \"b\": \"" + "x".repeat(20_000) + "\"}]",
                                ExportFormat.JSON)
                        .reason(),
                "exactly over the limit, in two values");
        assertEquals(
                "row_too_large",
                malformed("[{\"a\": \"" + "x".repeat(70_000) + "\"}, {}]", ExportFormat.JSON)
                        .reason(),
                "one value just over the limit");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a truncated line|{\"model\": \"auth.user\"|invalid_json|2",
                "two values on a line|{} {}|content_after_row|2",
                "a bare word|hello|invalid_json|2",
                "a duplicate name|{\"a\": 1, \"a\": 1}|duplicate_key|2",
            })
    void aJsonLinesExportWithALineThatIsNotOneJsonValueIsMalformed(
            String label, String line, String reason, long lineNumber) throws IOException {
        MalformedImportException e = malformed(ROW_1 + "\n" + line + "\n" + ROW_2, ExportFormat.JSON_LINES);

        assertEquals(reason, e.reason(), label);
        assertEquals(lineNumber, e.line(), label);
    }

    @Test
    void aJsonArraySentAsJsonLinesIsMalformedAtItsFirstLine() throws IOException {
        MalformedImportException e = malformed("[\n" + ROW_1 + "\n]", ExportFormat.JSON_LINES);

        assertEquals("invalid_json", e.reason());
        assertEquals(1, e.line());
    }

    @Test
    void aFailureOfTheRowHandlerIsNotMistakenForAMalformedExport() throws IOException {
        Path file = file("[" + ROW_1 + "]");
        IllegalStateException failure = new IllegalStateException("database gone");

        IllegalStateException thrown = assertThrows(
                IllegalStateException.class,
                () -> DjangoExport.read(file, ExportFormat.JSON, row -> {
                    throw failure;
                }));
        assertSame(failure, thrown);
    }

    private static JsonObject fields(DjangoExport.Row row) {
        return row.value().asJsonObject().getJsonObject("fields");
    }
}
