package io.realtimetrend.load;


import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Runs an HQL script over JDBC (HiveServer2 or the embedded engine) with {@code hivevar} parameters, every statement
 * bounded by a query timeout; returns the script's notes (values of result columns named {@code *_note}).
 */
public final class HqlRunner {

    private static final String NOTE_SUFFIX = "_note";

    private final Connection connection;
    private final Duration queryTimeout;

    public HqlRunner(Connection connection, Duration queryTimeout) {
        this.connection = Objects.requireNonNull(connection, "connection is null");
        this.queryTimeout = Objects.requireNonNull(queryTimeout, "queryTimeout is null");
    }

    /** Sets every {@code hivevar}, then runs the statements in order; stops at the first failure. */
    public List<String> run(HqlScript script, Map<String, String> hivevars) throws LoadException {
        List<String> notes = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(Math.toIntExact(Math.max(1, queryTimeout.toSeconds())));
            for (Map.Entry<String, String> var : hivevars.entrySet()) {
                statement.execute("SET hivevar:" + var.getKey() + "=" + var.getValue());
            }
            for (HqlScript.Statement sql : script.statements()) {
                try {
                    if (statement.execute(sql.sql())) {
                        drain(statement.getResultSet(), notes);
                    }
                } catch (SQLException e) {
                    throw new LoadException(script.name() + ":" + sql.line() + " (" + sql.firstLine() + "): "
                            + describe(sql, e), e);
                }
            }
        } catch (SQLException e) {
            throw new LoadException(script.name() + ": cannot set parameters: " + e.getMessage(), e);
        }
        return List.copyOf(notes);
    }

    /** A query's rows are read to the end: checks such as assert_true() fail while rows are fetched. */
    private static void drain(ResultSet rows, List<String> notes) throws SQLException {
        try (rows) {
            boolean note = rows.getMetaData().getColumnLabel(1).toLowerCase(Locale.ROOT).endsWith(NOTE_SUFFIX);
            while (rows.next()) {
                Object value = rows.getObject(1);
                if (note && value != null) {
                    notes.add(value.toString());
                }
            }
        }
    }

    private static String describe(HqlScript.Statement sql, SQLException e) {
        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("").strip();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return "HiveServer2 did not answer within the socket timeout (" + cause.getMessage() + "): " + message;
            }
        }
        if (sql.sql().contains("assert_true(")) {
            return "raw snapshots of the hour break the contract (wrong header, non-numeric rank, empty keyword, "
                    + "unknown state or a row of another hour); the partition is unchanged [" + message + "]";
        }
        return message;
    }
}
