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
 * {@code --login-timeout}, {@code --query-timeout} and {@code --socket-timeout}, and the one way they run a script.
 * Hive's JDBC driver has no socket timeout unless the URL sets {@code socketTimeout}: a HiveServer2 that stops
 * answering (a long GC, SIGSTOP, a dead host) would block a read for ever.
 */
public final class HiveTimeouts {

    @Option(names = "--login-timeout", defaultValue = "PT1M",
            description = "Bound on connecting to HiveServer2 (default: ${DEFAULT-VALUE}).")
    private Duration loginTimeout;

    @Option(names = "--query-timeout", defaultValue = "PT10M",
            description = "Bound on each HQL statement (default: ${DEFAULT-VALUE}).")
    private Duration queryTimeout;

    @Option(names = "--socket-timeout", defaultValue = "PT1M",
            description = "Bound on one answer of HiveServer2, unless the JDBC URL sets socketTimeout (default: ${DEFAULT-VALUE}).")
    private Duration socketTimeout;

    /** Runs {@code hql} with {@code hivevars} on the HiveServer2 at {@code jdbcUrl}; returns the script's notes. */
    public List<String> run(String jdbcUrl, HqlScript hql, Map<String, String> hivevars) throws SQLException, LoadException {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl is null");
        DriverManager.setLoginTimeout(Math.toIntExact(Math.max(1, loginTimeout.toSeconds())));
        try (Connection connection = DriverManager.getConnection(withSocketTimeout(jdbcUrl, socketTimeout),
                System.getProperty("user.name"), "")) {
            return new HqlRunner(connection, queryTimeout).run(hql, hivevars);
        }
    }

    /**
     * {@code jdbcUrl} with the session variable {@code socketTimeout} (milliseconds; Hive 4's driver reads it as the
     * thrift socket's timeout) before any {@code ?hive_conf} or {@code #hive_var} part, unless it sets one already.
     */
    static String withSocketTimeout(String jdbcUrl, Duration timeout) {
        if (jdbcUrl.contains(";socketTimeout=")) {
            return jdbcUrl;
        }
        int end = jdbcUrl.length();
        for (char mark : new char[] {'?', '#'}) {
            int at = jdbcUrl.indexOf(mark);
            end = at >= 0 ? Math.min(end, at) : end;
        }
        // session variables follow the database path: jdbc:hive2://host:port/db;k=v (an empty db is "default")
        int hosts = jdbcUrl.indexOf("//");
        String path = hosts >= 0 && jdbcUrl.indexOf('/', hosts + 2) < 0 ? "/" : "";
        return jdbcUrl.substring(0, end) + path + ";socketTimeout=" + timeout.toMillis() + jdbcUrl.substring(end);
    }
}
