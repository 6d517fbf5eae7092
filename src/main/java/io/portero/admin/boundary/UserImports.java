package io.portero.admin.boundary;

import io.portero.accounts.boundary.AccountImports;
import io.portero.accounts.boundary.ImportTally;
import io.portero.accounts.boundary.UserImportReport;
import io.portero.accounts.entity.ExportFormat;
import io.portero.accounts.entity.OnConflict;
import io.portero.sessions.boundary.CurrentSession;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.InputStream;

/**
 * An administrator imports users from Django ({@link AccountImports}). Every import that got as far
 * as writing rows is one {@link AdminActed#USERS_IMPORTED} event with its counts, also when it
 * stopped half-way ({@code completed=false}): the rows written before stay, and the audit log says
 * so. An export refused as malformed or too large changed nothing and is not an event.
 */
@RequestScoped
public class UserImports {

    @Inject
    AccountImports imports;

    @Inject
    CurrentSession current;

    @Inject
    Event<AdminActed> acted;

    public UserImportReport run(InputStream body, OnConflict onConflict, ExportFormat format) {
        String actor = current.require().username();
        ImportTally tally = new ImportTally(format, onConflict);
        try {
            return imports.importDjango(body, onConflict, format, tally);
        } finally {
            if (tally.started()) {
                acted.fire(new AdminActed(actor, current.id(), AdminActed.USERS_IMPORTED, null, tally.details()));
            }
        }
    }
}
