package io.portero.accounts.boundary;

import io.portero.accounts.entity.ExportFormat;
import io.portero.accounts.entity.OnConflict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The running count of one import, kept by its caller: should the import fail half-way (the
 * database gone), what was written before stays known and can be audited. Not thread-safe: one
 * import, one thread.
 */
public final class ImportTally {

    /** The most refused rows an answer lists; all are counted. */
    public static final int MAX_LISTED = 1000;

    private final ExportFormat format;
    private final OnConflict onConflict;
    private final List<RefusedRow> listed = new ArrayList<>();
    private boolean started;
    private boolean completed;
    private int rows;
    private int created;
    private int updated;
    private int unchanged;
    private int skipped;
    private int refused;

    public ImportTally(ExportFormat format, OnConflict onConflict) {
        this.format = format;
        this.onConflict = onConflict;
    }

    /** Whether the export was found well-formed and rows began to be written. */
    public boolean started() {
        return started;
    }

    /** The facts an audit event records: the choices, the counts, and whether every row was dealt with. */
    public Map<String, String> details() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("format", format.apiName());
        details.put("on_conflict", onConflict.apiName());
        details.put("rows", String.valueOf(rows));
        details.put("created", String.valueOf(created));
        details.put("updated", String.valueOf(updated));
        details.put("unchanged", String.valueOf(unchanged));
        details.put("skipped", String.valueOf(skipped));
        details.put("refused", String.valueOf(refused));
        details.put("completed", String.valueOf(completed));
        return details;
    }

    public UserImportReport report() {
        return new UserImportReport(
                format.apiName(),
                onConflict.apiName(),
                rows,
                created,
                updated,
                unchanged,
                skipped,
                refused,
                List.copyOf(listed));
    }

    void start() {
        started = true;
    }

    void complete() {
        completed = true;
    }

    void row() {
        rows++;
    }

    void refuse(RefusedRow row) {
        refused++;
        if (listed.size() < MAX_LISTED) {
            listed.add(row);
        }
    }

    void add(AccountImportBatches.Outcome outcome) {
        created += outcome.created();
        updated += outcome.updated();
        unchanged += outcome.unchanged();
        skipped += outcome.skipped();
        outcome.refused().forEach(this::refuse);
    }
}
