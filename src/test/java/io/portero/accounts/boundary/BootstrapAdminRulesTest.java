package io.portero.accounts.boundary;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portero.accounts.control.AccountStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bootstrap administrator's password obeys the same rules as any other (issue 10, defect 3). */
class BootstrapAdminRulesTest {

    /** A database without administrators; reaching any further is a failure of the test. */
    private static final class NoAdministrators extends AccountStore {
        @Override
        public boolean anyAdmin() {
            return false;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"        ", "short", "line\nbreak-password", "nul\u0000-password", "admin"})
    void aBootstrapPasswordThatBreaksTheRulesStopsTheStartUp(String password) {
        Accounts accounts = new Accounts();
        accounts.steps = new AccountTransactions();
        accounts.steps.store = new NoAdministrators();

        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> accounts.bootstrapAdmin("admin", password));
        assertTrue(e.getMessage().startsWith("PORTERO_ADMIN_PASSWORD breaks the password rules"), e.getMessage());
    }
}
