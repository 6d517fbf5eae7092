package io.portero.platform.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void aUniqueKeyViolationIsRecognisedThroughItsCauses() {
        SQLException duplicate = new SQLException("duplicate key value violates unique constraint", "23505");

        assertTrue(Failures.isUniqueViolation(new PersistenceException(new RuntimeException(duplicate))));
    }

    @Test
    void aDuplicateChainedAsTheNextExceptionCountsToo() {
        SQLException batch = new SQLException("batch entry 0 failed", "42000");
        batch.setNextException(new SQLException("duplicate key", "23505"));

        assertTrue(Failures.isUniqueViolation(new PersistenceException(batch)));
    }

    @Test
    void otherDatabaseErrorsAreNotDuplicates() {
        assertFalse(Failures.isUniqueViolation(new PersistenceException(new SQLException("value too long", "22001"))));
        assertFalse(
                Failures.isUniqueViolation(new PersistenceException(new SQLException("connection refused", "08001"))));
        assertFalse(Failures.isUniqueViolation(new PersistenceException("no SQL cause")));
    }

    @Test
    void aServerShuttingDownOrRestartingIsTheDatabaseBeingAway() {
        for (String state : new String[] {"57P01", "57P02", "57P03", "08006"}) {
            assertTrue(Failures.isDatabaseUnavailable(
                    new PersistenceException(new SQLException("terminating connection", state))));
        }
        assertFalse(Failures.isDatabaseUnavailable(new PersistenceException(new SQLException("canceled", "57014"))));
        assertFalse(Failures.isDatabaseUnavailable(new PersistenceException(new SQLException("syntax", "42601"))));
    }
}
