package io.realtimetrend.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Option;

/**
 * The bounds on talking to HiveServer2, declared once for the commands that run HQL (a picocli {@code @Mixin}):
 * {@code --login-timeout} and {@code --query-timeout}, and the one way they run a script.
 */
public final class HiveTimeouts {

    @Option(names = "--login-timeout", defaultValue = "PT1M",
            description = "Bound on connecting to HiveServer2 (default: ${DEFAULT-VALUE}).")
    private Duration loginTimeout;

    @Option(names = "--query-timeout", defaultValue = "PT10M",
            description = "Bound on each HQL statement (default: ${DEFAULT-VALUE}).")
    private Duration queryTimeout;

    /** Runs {@code hql} with {@code hivevars} on the HiveServer2 at {@code jdbcUrl}; returns the script's notes. */
    public List<String> run(String jdbcUrl, HqlScript hql, Map<String, String> hivevars) throws SQLException, LoadException {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl is null");
        DriverManager.setLoginTimeout(Math.toIntExact(Math.max(1, loginTimeout.toSeconds())));
        try (Connection connection = DriverManager.getConnection(jdbcUrl, System.getProperty("user.name"), "")) {
            return new HqlRunner(connection, queryTimeout).run(hql, hivevars);
        }
    }
}
