package dev.genqueue.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class SqlStatesTest {

    @Test
    void connectionLossAndServerShutdownAreAnUnavailableDatabase() {
        assertThat(SqlStates.databaseUnavailable(new RuntimeException(new SQLException("I/O error", "08006"))))
                .isTrue();
        assertThat(SqlStates.databaseUnavailable(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(SqlStates.databaseUnavailable(new SQLException("starting up", "57P03"))).isTrue();
    }

    @Test
    void statementErrorsAndErrorsWithoutAStateAreNot() {
        assertThat(SqlStates.databaseUnavailable(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(SqlStates.databaseUnavailable(new SQLException("query canceled", "57014"))).isFalse();
        assertThat(SqlStates.databaseUnavailable(new SQLException("no state"))).isFalse();
        assertThat(SqlStates.databaseUnavailable(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void refusedDataIsWhatFailsTheSameWayEveryTime() {
        assertThat(SqlStates.refusedData(new RuntimeException(new SQLException("bad value", "22P02")))).isTrue();
        assertThat(SqlStates.refusedData(new SQLException("duplicate key", "23505"))).isTrue();
        assertThat(SqlStates.refusedData(new SQLException("too large", "54000"))).isTrue();
        assertThat(SqlStates.refusedData(new SQLException("I/O error", "08006"))).isFalse();
        assertThat(SqlStates.of(new RuntimeException("no SQL here"))).isNull();
    }
}
