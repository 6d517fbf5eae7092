package io.portero.accounts.entity;

/**
 * How Django's {@code manage.py dumpdata} wrote a user export: one JSON array of rows (the default
 * format) or JSON lines, one row per line ({@code --format jsonl}, for large exports).
 */
public enum ExportFormat {
    JSON("json"),
    JSON_LINES("jsonl");

    private final String apiName;

    ExportFormat(String apiName) {
        this.apiName = apiName;
    }

    /** Django's name of the format, as {@code dumpdata --format} takes it. */
    public String apiName() {
        return apiName;
    }
}
