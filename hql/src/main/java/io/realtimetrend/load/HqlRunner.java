package io.realtimetrend.load;

import io.realtimetrend.contract.HqlScript;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Objects;

/** Runs an HQL script over JDBC (HiveServer2 or the embedded engine) with {@code hivevar} parameters. */
public final class HqlRunner {

    private final Connection connection;

    public HqlRunner(Connection connection) {
        this.connection = Objects.requireNonNull(connection, "connection is null");
    }

    /** Sets every {@code hivevar}, then runs the statements in order; stops at the first failure. */
    public void run(HqlScript script, Map<String, String> hivevars) throws LoadException {
        try (Statement statement = connection.createStatement()) {
            for (Map.Entry<String, String> var : hivevars.entrySet()) {
                statement.execute("SET hivevar:" + var.getKey() + "=" + var.getValue());
            }
            for (HqlScript.Statement sql : script.statements()) {
                try {
                    if (statement.execute(sql.sql())) {
                        drain(statement.getResultSet());
                    }
                } catch (SQLException e) {
                    throw new LoadException(script.name() + ":" + sql.line() + " (" + sql.firstLine() + "): "
                            + describe(sql, e), e);
                }
            }
        } catch (SQLException e) {
            throw new LoadException(script.name() + ": cannot set parameters: " + e.getMessage(), e);
        }
    }

    /** A query's rows are read to the end: checks such as assert_true() fail while rows are fetched. */
    private static void drain(ResultSet rows) throws SQLException {
        try (rows) {
            while (rows.next()) {
                rows.getObject(1);
            }
        }
    }

    private static String describe(HqlScript.Statement sql, SQLException e) {
        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("").strip();
        if (sql.sql().contains("assert_true(")) {
            return "raw snapshots of the hour break the contract (wrong header, non-numeric rank, empty keyword, "
                    + "unknown state or a row of another hour); the partition is unchanged [" + message + "]";
        }
        return message;
    }
}
