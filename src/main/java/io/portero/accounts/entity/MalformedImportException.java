package io.portero.accounts.entity;

import io.portero.platform.problem.DomainException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An import body that cannot be read as rows at all: not valid UTF-8, not JSON, not a JSON array
 * (JSON format), too deeply nested, a member name twice in one object, a row over the size limit.
 * Nothing of it is imported. {@code reason} says which (a stable name), {@code line} and
 * {@code column} where, when known (0 otherwise).
 */
public class MalformedImportException extends DomainException {

    private final String reason;
    private final long line;
    private final long column;

    public MalformedImportException(String reason, long line, long column) {
        super("malformed_import", 400, "malformed import: " + reason + " at line " + line + ", column " + column);
        this.reason = reason;
        this.line = line;
        this.column = column;
    }

    public String reason() {
        return reason;
    }

    public long line() {
        return line;
    }

    public long column() {
        return column;
    }

    @Override
    public Map<String, Object> extensions(Locale locale) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("reason", reason);
        if (line > 0) {
            members.put("line", line);
        }
        if (column > 0) {
            members.put("column", column);
        }
        return members;
    }
}
