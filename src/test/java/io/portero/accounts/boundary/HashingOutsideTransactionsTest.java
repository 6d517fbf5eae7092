package io.portero.accounts.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portero.accounts.control.Passwords;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The structure that keeps database connections free while passwords are hashed: the hasher
 * refuses to run inside a transaction, and the flows that hash open none around it.
 */
class HashingOutsideTransactionsTest {

    @Test
    void theHasherRefusesToRunInsideATransaction() {
        assertEquals(
                TxType.NEVER, Passwords.class.getAnnotation(Transactional.class).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"authenticate", "create", "setPassword", "changePassword"})
    void flowsThatHashOpenNoTransactionAroundIt(String name) {
        Set<TxType> types = java.util.Arrays.stream(Accounts.class.getDeclaredMethods())
                .filter(m -> m.getName().equals(name))
                .map(m -> m.getAnnotation(Transactional.class).value())
                .collect(java.util.stream.Collectors.toSet());
        assertEquals(Set.of(TxType.NEVER), types);
    }

    @Test
    void theStepsAroundTheHashAreEachTheirOwnTransaction() {
        assertEquals(
                TxType.REQUIRED,
                AccountTransactions.class.getAnnotation(Transactional.class).value());
    }
}
