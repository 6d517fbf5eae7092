package io.portero.accounts.boundary;

import java.util.List;

/**
 * What an import did, row by row summed up: of {@code rows} rows, {@code created} new accounts,
 * {@code updated} and {@code unchanged} existing ones ({@code on_conflict=update}), {@code skipped}
 * existing ones left alone ({@code on_conflict=skip}), {@code refused} rows not imported. The first
 * {@value ImportTally#MAX_LISTED} refused rows are listed with their reasons.
 */
public record UserImportReport(
        String format,
        String onConflict,
        int rows,
        int created,
        int updated,
        int unchanged,
        int skipped,
        int refused,
        List<RefusedRow> refusedRows) {}
