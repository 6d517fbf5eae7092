package io.portero.accounts.boundary;

import io.portero.accounts.control.DjangoExport;
import io.portero.accounts.control.DjangoUserMapping;
import io.portero.accounts.control.ImportSettings;
import io.portero.accounts.entity.ExportFormat;
import io.portero.accounts.entity.ImportedUser;
import io.portero.accounts.entity.OnConflict;
import io.portero.platform.problem.Failures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Imports the users of a Django export ({@code manage.py dumpdata auth.user}), keeping their
 * password hashes as they are: nothing is hashed here, a user's first login verifies the Django hash
 * and stores Portero's own.
 *
 * <p>The body is first copied to a temporary file (only the owner may read it; it is deleted when
 * the import ends), then read twice, one row at a time: a first pass checks that the whole export
 * is well-formed (else {@code malformed_import}, and nothing is imported) and finds usernames that
 * several rows share once normalised ({@code Bob} and {@code bob} are two Django users but one name
 * here: all of those rows are refused, {@code duplicate_username}); the second pass maps each row
 * ({@link DjangoUserMapping}: a row that cannot be imported is refused with its reason, the others
 * go on) and writes them in batches of {@value #BATCH_SIZE}, each in a transaction of its own
 * ({@link AccountImportBatches}). Memory holds one batch and the set of usernames, never the
 * export.
 *
 * <p>A batch that meets a username created meanwhile by someone else is rolled back and written
 * again; one the database refuses for any other reason about its data is written again row by row,
 * so that only the row at fault is refused ({@code rejected_by_database}). A database that cannot
 * be reached ends the import where it is: the batches written stay written, and the tally says how
 * far it got.
 */
@ApplicationScoped
public class AccountImports {

    private static final Logger LOG = Logger.getLogger(AccountImports.class.getName());

    /** The rows one transaction writes. */
    public static final int BATCH_SIZE = 1000;

    private static final int ATTEMPTS = 3;

    @Inject
    AccountImportBatches batches;

    @Inject
    ImportSettings settings;

    @Inject
    Clock clock;

    /**
     * Imports the export read from {@code body}; the counts go to {@code tally} as the import goes
     * (and stay there if it fails half-way).
     *
     * @throws io.portero.accounts.entity.MalformedImportException if the export is not well-formed
     *     (nothing is imported)
     * @throws UncheckedIOException if the body cannot be read, e.g. larger than the limit
     */
    @Transactional(TxType.NEVER)
    public UserImportReport importDjango(
            InputStream body, OnConflict onConflict, ExportFormat format, ImportTally tally) {
        Instant now = clock.instant();
        DjangoUserMapping mapping = settings.mapping(now);
        Path spool = null;
        try {
            spool = Files.createTempFile("portero-import-", ".json");
            Files.copy(body, spool, StandardCopyOption.REPLACE_EXISTING);
            Set<String> shared = sharedKeys(spool, format, mapping);
            tally.start();
            Writer writer = new Writer(onConflict, now, tally);
            DjangoExport.read(spool, format, row -> {
                tally.row();
                try {
                    ImportedUser user = mapping.map(row);
                    if (shared.contains(user.key())) {
                        tally.refuse(refusal(row, "duplicate_username", "username"));
                    } else {
                        writer.add(user);
                    }
                } catch (DjangoUserMapping.RowRefused e) {
                    tally.refuse(refusal(row, e.reason(), e.field()));
                }
            });
            writer.flush();
            tally.complete();
            return tally.report();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(spool);
        }
    }

    /** The first pass: every row well-formed, and the username keys more than one row has. */
    private static Set<String> sharedKeys(Path spool, ExportFormat format, DjangoUserMapping mapping)
            throws IOException {
        Set<String> seen = new HashSet<>();
        Set<String> shared = new HashSet<>();
        DjangoExport.read(
                spool,
                format,
                row -> mapping.keyOf(row.value()).ifPresent(key -> {
                    if (!seen.add(key)) {
                        shared.add(key);
                    }
                }));
        return shared;
    }

    private static RefusedRow refusal(DjangoExport.Row row, String reason, String field) {
        return new RefusedRow(
                row.index(),
                row.line(),
                DjangoUserMapping.pkOf(row.value()),
                DjangoUserMapping.rawUsernameOf(row.value()),
                reason,
                field);
    }

    /** Gathers mapped rows into batches and writes each. */
    private final class Writer {

        private final OnConflict onConflict;
        private final Instant now;
        private final ImportTally tally;
        private final List<ImportedUser> batch = new ArrayList<>(BATCH_SIZE);

        Writer(OnConflict onConflict, Instant now, ImportTally tally) {
            this.onConflict = onConflict;
            this.now = now;
            this.tally = tally;
        }

        void add(ImportedUser user) {
            batch.add(user);
            if (batch.size() >= BATCH_SIZE) {
                flush();
            }
        }

        void flush() {
            if (batch.isEmpty()) {
                return;
            }
            try {
                tally.add(write(batch));
            } catch (RuntimeException e) {
                if (!isDataError(e)) {
                    throw e;
                }
                LOG.warning(() -> "An import batch was refused by the database (SQLState " + sqlState(e)
                        + "); writing its rows one by one");
                for (ImportedUser user : batch) {
                    try {
                        tally.add(write(List.of(user)));
                    } catch (RuntimeException rowError) {
                        if (!isDataError(rowError)) {
                            throw rowError;
                        }
                        tally.refuse(new RefusedRow(
                                user.index(), user.line(), user.pk(), user.username(), "rejected_by_database", null));
                    }
                }
            }
            batch.clear();
        }

        /** Writes rows in one transaction; a username taken meanwhile rolls it back, and it is tried again. */
        private AccountImportBatches.Outcome write(List<ImportedUser> rows) {
            for (int attempt = 1; ; attempt++) {
                try {
                    return batches.write(rows, onConflict, now);
                } catch (RuntimeException e) {
                    if (attempt >= ATTEMPTS || !Failures.isUniqueViolation(e)) {
                        throw e;
                    }
                }
            }
        }
    }

    /**
     * A statement refused for its data (SQLState classes 22, data exception, and 23, integrity
     * constraint violation), as opposed to a database that cannot be reached or a failing server.
     */
    static boolean isDataError(Throwable e) {
        String state = sqlState(e);
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /** The SQLState of the first SQL exception in the chain (logged rather than the message, which may quote the row). */
    static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (next.getSQLState() != null) {
                        return next.getSQLState();
                    }
                }
            }
        }
        return null;
    }

    private static void delete(Path spool) {
        if (spool == null) {
            return;
        }
        try {
            Files.deleteIfExists(spool);
        } catch (IOException e) {
            LOG.warning(() -> "Could not delete the import's temporary file " + spool + ": " + e);
        }
    }
}
