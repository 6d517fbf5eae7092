package io.portero.accounts.control;

import io.portero.accounts.entity.ExportFormat;
import io.portero.accounts.entity.MalformedImportException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads the rows of a Django user export one at a time, never the whole export at once: the JSON
 * array {@code manage.py dumpdata auth.user} writes by default, or its JSON lines
 * ({@code --format jsonl}, one row per line; blank lines are ignored). An export without a row is
 * malformed ({@code empty}), but for the JSON array {@code []}. Reading is strict: the
 * export must be valid UTF-8 and valid JSON, no object may name a member twice, no row may nest
 * deeper than {@value #MAX_DEPTH} levels or take more than {@value #MAX_ROW_CHARS} characters
 * (a Django user row takes well under one), and a JSON export must be one array with nothing after
 * it. Anything else is a {@link MalformedImportException} naming the reason, line and column. A
 * row is any JSON value: whether it describes a user is {@link DjangoUserMapping}'s question.
 */
public final class DjangoExport {

    /** The deepest a row may nest (the array around the rows not counted). */
    public static final int MAX_DEPTH = 32;

    /** The most characters one row may take (JSON lines: bytes of one line). */
    public static final int MAX_ROW_CHARS = 64 * 1024;

    /**
     * Read-ahead the parser may do past a row's end, allowed on top of a row's size while a single
     * string or number is read (the row's size is checked exactly between values).
     */
    private static final int READ_AHEAD = 32 * 1024;

    /** Looked up once: {@code Json.create…} looks the provider up on every call, which costs more than the row. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final JsonParserFactory PARSERS = JSON.createParserFactory(Map.of());

    private DjangoExport() {}

    /** One row: its position among the rows (from 0), the line it starts on (from 1), its value. */
    public record Row(int index, long line, JsonValue value) {}

    /**
     * Hands every row of the export in {@code file} to {@code rows}, in order; answers how many.
     *
     * @throws MalformedImportException if the export is not well-formed (rows before the fault have
     *     been handed over already: read once without acting first, to know)
     * @throws IOException if the file cannot be read
     */
    public static int read(Path file, ExportFormat format, Consumer<Row> rows) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            return format == ExportFormat.JSON ? readArray(in, rows) : readLines(in, rows);
        }
    }

    private static int readArray(InputStream raw, Consumer<Row> rows) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 1);
        if (onlyWhiteSpace(in)) {
            throw new MalformedImportException("empty", 0, 0);
        }
        RowLimitedReader reader = new RowLimitedReader(new InputStreamReader(in, strictUtf8()));
        JsonParser parser = PARSERS.createParser(reader);
        int index = 0;
        boolean closed = false;
        try {
            if (parser.next() != Event.START_ARRAY) {
                throw malformed("not_an_array", parser.getLocation());
            }
            while (true) {
                reader.rowStarts();
                Event event = parser.next();
                if (event == Event.END_ARRAY) {
                    closed = true;
                    break;
                }
                JsonLocation start = parser.getLocation();
                Row row = new Row(index, start.getLineNumber(), value(parser, event, 1, start.getStreamOffset()));
                try {
                    rows.accept(row);
                } catch (RuntimeException e) {
                    throw new HandlerFailure(e);
                }
                index++;
            }
            if (parser.hasNext()) {
                throw malformed("content_after_array", parser.getLocation());
            }
            return index;
        } catch (HandlerFailure e) {
            throw (RuntimeException) e.getCause();
        } catch (MalformedImportException e) {
            throw e;
        } catch (JsonParsingException e) {
            String reason = readFailure(e);
            throw malformed(closed && reason.equals("invalid_json") ? "content_after_array" : reason, e.getLocation());
        } catch (JsonException e) {
            throw readFailure(e, parser);
        } catch (NoSuchElementException | IllegalStateException | NumberFormatException | ArithmeticException e) {
            throw malformed("invalid_json", parser.getLocation());
        } finally {
            closeQuietly(parser);
        }
    }

    private static int readLines(InputStream in, Consumer<Row> rows) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        long lineNumber = 1;
        int index = 0;
        for (int b = in.read(); ; b = in.read()) {
            if (b == '\n' || b < 0) {
                if (!isBlank(line)) {
                    rows.accept(new Row(index++, lineNumber, lineValue(line.toByteArray(), lineNumber)));
                }
                if (b < 0) {
                    if (index == 0) {
                        throw new MalformedImportException("empty", 0, 0);
                    }
                    return index;
                }
                line.reset();
                lineNumber++;
            } else if (line.size() < MAX_ROW_CHARS) {
                line.write(b);
            } else {
                throw new MalformedImportException("row_too_large", lineNumber, 0);
            }
        }
    }

    private static JsonValue lineValue(byte[] bytes, long lineNumber) {
        String text;
        try {
            text = strictUtf8().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedImportException("invalid_utf8", lineNumber, 0);
        }
        JsonParser parser = PARSERS.createParser(new StringReader(text));
        boolean read = false;
        try {
            JsonValue value = value(parser, parser.next(), 1, -1);
            read = true;
            if (parser.hasNext()) {
                throw new MalformedImportException(
                        "content_after_row", lineNumber, parser.getLocation().getColumnNumber());
            }
            return value;
        } catch (MalformedImportException e) {
            throw e.line() == lineNumber ? e : new MalformedImportException(e.reason(), lineNumber, e.column());
        } catch (JsonParsingException e) {
            throw new MalformedImportException(
                    read ? "content_after_row" : readFailure(e), lineNumber, columnOf(e.getLocation()));
        } catch (RuntimeException e) {
            throw new MalformedImportException("invalid_json", lineNumber, 0);
        } finally {
            closeQuietly(parser);
        }
    }

    /**
     * The value that starts with {@code event}, built with the checks the parser does not make;
     * {@code rowStart} is the row's offset in the stream (-1: the caller limits the row's size).
     */
    private static JsonValue value(JsonParser parser, Event event, int depth, long rowStart) {
        if (rowStart >= 0 && parser.getLocation().getStreamOffset() - rowStart > MAX_ROW_CHARS) {
            throw malformed("row_too_large", parser.getLocation());
        }
        switch (event) {
            case START_OBJECT -> {
                checkDepth(parser, depth);
                JsonObjectBuilder object = JSON.createObjectBuilder();
                Set<String> names = new HashSet<>();
                for (Event next = parser.next(); next != Event.END_OBJECT; next = parser.next()) {
                    String name = parser.getString();
                    if (!names.add(name)) {
                        throw malformed("duplicate_key", parser.getLocation());
                    }
                    object.add(name, value(parser, parser.next(), depth + 1, rowStart));
                }
                return object.build();
            }
            case START_ARRAY -> {
                checkDepth(parser, depth);
                JsonArrayBuilder array = JSON.createArrayBuilder();
                for (Event next = parser.next(); next != Event.END_ARRAY; next = parser.next()) {
                    array.add(value(parser, next, depth + 1, rowStart));
                }
                return array.build();
            }
            case VALUE_STRING -> {
                return JSON.createValue(parser.getString());
            }
            case VALUE_NUMBER -> {
                return parser.getValue();
            }
            case VALUE_TRUE -> {
                return JsonValue.TRUE;
            }
            case VALUE_FALSE -> {
                return JsonValue.FALSE;
            }
            case VALUE_NULL -> {
                return JsonValue.NULL;
            }
            default -> throw malformed("invalid_json", parser.getLocation());
        }
    }

    private static void checkDepth(JsonParser parser, int depth) {
        if (depth > MAX_DEPTH) {
            throw malformed("too_deep", parser.getLocation());
        }
    }

    /** A failure the parser reports after reading: bad bytes, an over-long row, or the file itself. */
    private static MalformedImportException readFailure(JsonException e, JsonParser parser) throws IOException {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof CharacterCodingException) {
                return malformed("invalid_utf8", location(parser));
            }
            if (cause instanceof RowTooLargeException) {
                return malformed("row_too_large", location(parser));
            }
            if (cause instanceof IOException io) {
                throw io;
            }
        }
        return malformed("invalid_json", location(parser));
    }

    private static String readFailure(JsonParsingException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof CharacterCodingException) {
                return "invalid_utf8";
            }
            if (cause instanceof RowTooLargeException) {
                return "row_too_large";
            }
        }
        return "invalid_json";
    }

    private static JsonLocation location(JsonParser parser) {
        try {
            return parser.getLocation();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static MalformedImportException malformed(String reason, JsonLocation location) {
        return location == null
                ? new MalformedImportException(reason, 0, 0)
                : new MalformedImportException(
                        reason, Math.max(0, location.getLineNumber()), Math.max(0, location.getColumnNumber()));
    }

    private static long columnOf(JsonLocation location) {
        return location == null ? 0 : Math.max(0, location.getColumnNumber());
    }

    /** Whether the stream holds nothing but JSON white space; if not, its first other byte is left to read. */
    private static boolean onlyWhiteSpace(PushbackInputStream in) throws IOException {
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                in.unread(b);
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(ByteArrayOutputStream line) {
        for (byte b : line.toByteArray()) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static void closeQuietly(JsonParser parser) {
        try {
            parser.close();
        } catch (RuntimeException ignored) {
            // the parser's source is closed by the caller
        }
    }

    /** The row handler failed: its exception, carried past the parser's own failure handling. */
    private static final class HandlerFailure extends RuntimeException {
        HandlerFailure(RuntimeException cause) {
            super(cause);
        }
    }

    /** A row ran past {@link #MAX_ROW_CHARS}. */
    static final class RowTooLargeException extends IOException {
        RowTooLargeException() {
            super("a row of the export is larger than " + MAX_ROW_CHARS + " characters");
        }
    }

    /**
     * Counts the characters the parser pulls since the current row started and stops it once a
     * row has taken more than {@link #MAX_ROW_CHARS} (plus the parser's read-ahead): a single
     * huge string is refused before the parser has built it.
     */
    private static final class RowLimitedReader extends FilterReader {

        private long read;
        private long rowStart;

        RowLimitedReader(Reader in) {
            super(in);
        }

        void rowStarts() {
            rowStart = read;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                count(1);
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws RowTooLargeException {
            read += n;
            if (read - rowStart > MAX_ROW_CHARS + READ_AHEAD) {
                throw new RowTooLargeException();
            }
        }
    }
}
