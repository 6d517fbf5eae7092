package io.portero.accounts.boundary;

/**
 * A row of an import that was not imported: its position among the rows ({@code index}, from 0),
 * the {@code line} it starts on, Django's {@code pk} and the {@code username} as written (when they
 * read), why ({@code reason}, a stable name) and which field, if one.
 */
public record RefusedRow(int index, long line, String pk, String username, String reason, String field) {}
