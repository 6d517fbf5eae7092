package io.portero.platform.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SelfHealingConnectionTest {

    private static final SQLException LOST = new SQLException("An I/O error occurred", "08006");
    private static final SQLException SYNTAX = new SQLException("syntax error", "42601");

    private final DataSource source = mock(DataSource.class);
    private final AtomicLong outages = new AtomicLong();
    private Connection first;
    private Connection second;

    private static Connection physical() throws SQLException {
        Connection connection = mock(Connection.class);
        when(connection.getAutoCommit()).thenReturn(true);
        when(connection.isValid(anyInt())).thenReturn(true);
        return connection;
    }

    @BeforeEach
    void twoPhysicalConnections() throws SQLException {
        first = physical();
        second = physical();
        when(source.getConnection()).thenReturn(first, second);
    }

    @Test
    void connectionClassStatesAndTypesAreFailuresOfTheConnection() {
        assertTrue(SelfHealingConnection.isConnectionFailure(new SQLException("refused", "08001")));
        assertTrue(SelfHealingConnection.isConnectionFailure(LOST));
        assertTrue(SelfHealingConnection.isConnectionFailure(new SQLException("terminating", "57P01")));
        assertTrue(SelfHealingConnection.isConnectionFailure(new SQLException("starting up", "57P03")));
        assertTrue(SelfHealingConnection.isConnectionFailure(new SQLNonTransientConnectionException("closed")));
        assertTrue(SelfHealingConnection.isConnectionFailure(new RuntimeException("wrapped", LOST)));
        SQLException batch = new SQLException("batch entry failed", "22000");
        batch.setNextException(new SQLException("lost", "08006"));
        assertTrue(SelfHealingConnection.isConnectionFailure(batch), "a next exception counts");
    }

    @Test
    void statementAndDataErrorsAreNot() {
        assertFalse(SelfHealingConnection.isConnectionFailure(SYNTAX));
        assertFalse(SelfHealingConnection.isConnectionFailure(new SQLException("duplicate", "23505")));
        assertFalse(SelfHealingConnection.isConnectionFailure(new SQLException("cancelled", "57014")));
        assertFalse(SelfHealingConnection.isConnectionFailure(new SQLException("no state")));
        assertFalse(SelfHealingConnection.isConnectionFailure(null));
    }

    @Test
    void replacingIsAllowedOnlyOutsideATransaction() {
        assertTrue(SelfHealingConnection.mayReplace(true, false));
        assertTrue(SelfHealingConnection.mayReplace(true, true), "with auto-commit each statement is its own");
        assertTrue(SelfHealingConnection.mayReplace(false, false), "between transactions");
        assertFalse(SelfHealingConnection.mayReplace(false, true), "a transaction is under way");
    }

    @Test
    void aLostConnectionIsReplacedAtTheNextCall() throws SQLException {
        Connection connection = SelfHealingConnection.open(source, outages);
        when(first.prepareStatement(anyString())).thenThrow(LOST);
        PreparedStatement statement = mock(PreparedStatement.class);
        when(second.prepareStatement(anyString())).thenReturn(statement);

        assertSame(LOST, assertThrows(SQLException.class, () -> connection.prepareStatement("SELECT 1")));
        assertSame(statement, connection.prepareStatement("SELECT 1"));
        verify(first).close();
        assertEquals(1, outages.get());
        assertFalse(connection.isClosed());
    }

    @Test
    void aStatementErrorKeepsTheConnection() throws SQLException {
        Connection connection = SelfHealingConnection.open(source, outages);
        when(first.prepareStatement(anyString())).thenThrow(SYNTAX);

        assertThrows(SQLException.class, () -> connection.prepareStatement("SELEC 1"));
        assertThrows(SQLException.class, () -> connection.prepareStatement("SELEC 1"));
        verify(source, times(1)).getConnection();
        assertEquals(0, outages.get());
    }

    @Test
    void insideATransactionTheLostConnectionWaitsForItsEnd() throws SQLException {
        Connection connection = SelfHealingConnection.open(source, outages);
        connection.setAutoCommit(false);
        PreparedStatement statement = mock(PreparedStatement.class);
        when(first.prepareStatement("INSERT")).thenReturn(statement);
        when(first.prepareStatement("UPDATE")).thenThrow(LOST);
        doThrowOnRollback(first);

        connection.prepareStatement("INSERT");
        assertThrows(SQLException.class, () -> connection.prepareStatement("UPDATE"));
        assertThrows(SQLException.class, () -> connection.prepareStatement("UPDATE"), "still the same transaction");
        verify(source, times(1)).getConnection();

        assertThrows(SQLException.class, connection::rollback);
        PreparedStatement fresh = mock(PreparedStatement.class);
        when(second.prepareStatement("INSERT")).thenReturn(fresh);
        assertSame(fresh, connection.prepareStatement("INSERT"), "the next transaction runs on a fresh connection");
        verify(second).setAutoCommit(false);
    }

    private static void doThrowOnRollback(Connection connection) throws SQLException {
        doThrow(new SQLException("This connection has been closed.", "08003"))
                .when(connection)
                .rollback();
    }

    @Test
    void aTransactionBegunOnABrokenConnectionRunsOnAFreshOne() throws SQLException {
        Connection connection = SelfHealingConnection.open(source, outages);
        when(first.prepareStatement(anyString())).thenThrow(LOST);
        assertThrows(SQLException.class, () -> connection.prepareStatement("SELECT 1"));

        connection.setAutoCommit(false);
        connection.prepareStatement("SELECT 1");
        verify(second).setAutoCommit(false);
        verify(second).prepareStatement("SELECT 1");
        verify(first, never()).setAutoCommit(false);
    }

    @Test
    void settingsGivenToABrokenConnectionWaitForTheFreshOne() throws SQLException {
        Connection connection = SelfHealingConnection.open(source, outages);
        when(first.createStatement()).thenThrow(LOST);
        assertThrows(SQLException.class, connection::createStatement);

        connection.setAutoCommit(true);
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        assertTrue(connection.getAutoCommit());
        verify(first, never()).setAutoCommit(true);
        verify(source, times(1)).getConnection();

        connection.createStatement();
        verify(second).setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        verify(second).createStatement();
    }

    @Test
    void aLossSeenByAnotherConnectionMakesThisOneCheckItself() throws SQLException {
        Connection connection = SelfHealingConnection.open(source, outages);
        when(first.isValid(anyInt())).thenReturn(false);
        outages.incrementAndGet();

        connection.createStatement();
        verify(second).createStatement();
        verify(first, never()).createStatement();
    }

    @Test
    void aHealthyConnectionIsKeptAfterCheckingItself() throws SQLException {
        Connection connection = SelfHealingConnection.open(source, outages);
        outages.incrementAndGet();

        connection.createStatement();
        connection.createStatement();
        verify(first, times(1)).isValid(anyInt());
        verify(first, times(2)).createStatement();
        verify(source, times(1)).getConnection();
    }

    @Test
    void whileTheDatabaseIsAwayTheCallFailsWithTheConnectError() throws SQLException {
        SQLException refused = new SQLException("Connection refused", "08001");
        when(source.getConnection()).thenReturn(first).thenThrow(refused).thenReturn(second);
        Connection connection = SelfHealingConnection.open(source, outages);
        when(first.createStatement()).thenThrow(LOST);

        assertThrows(SQLException.class, connection::createStatement);
        assertSame(refused, assertThrows(SQLException.class, connection::createStatement));
        connection.createStatement();
        verify(second).createStatement();
    }

    @Test
    void anInvalidConnectionIsReplacedWhenValidated() throws SQLException {
        Connection connection = SelfHealingConnection.open(source, outages);
        when(first.isValid(anyInt())).thenReturn(false);

        assertTrue(connection.isValid(2));
        verify(first).close();
        assertEquals(1, outages.get());
    }

    @Test
    void validationFailsWhileTheDatabaseIsAway() throws SQLException {
        when(source.getConnection()).thenReturn(first).thenThrow(new SQLException("refused", "08001"));
        Connection connection = SelfHealingConnection.open(source, outages);
        when(first.isValid(anyInt())).thenReturn(false);

        assertFalse(connection.isValid(2));
    }

    @Test
    void settingsCarryOverToTheFreshConnection() throws SQLException {
        Connection connection = SelfHealingConnection.open(source, outages);
        connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        connection.setReadOnly(true);
        when(first.createStatement()).thenThrow(LOST);
        assertThrows(SQLException.class, connection::createStatement);

        connection.createStatement();
        verify(second).setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        verify(second).setReadOnly(true);
    }

    @Test
    void closingABrokenConnectionDoesNotFail() throws SQLException {
        Connection connection = SelfHealingConnection.open(source, outages);
        when(first.createStatement()).thenThrow(LOST);
        doThrow(new SQLException("This connection has been closed.", "08003"))
                .when(first)
                .close();
        assertThrows(SQLException.class, connection::createStatement);

        connection.close();
        assertTrue(connection.isClosed());
        verify(source, times(1)).getConnection();
    }

    @Test
    void closingClosesThePhysicalConnection() throws SQLException {
        Connection connection = SelfHealingConnection.open(source, outages);
        connection.close();
        assertTrue(connection.isClosed());
        verify(first).close();
        assertFalse(connection.isValid(1));
    }
}
