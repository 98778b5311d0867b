package io.realtimetrend.load;

import io.realtimetrend.contract.SnapshotColumns;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.io.file.PathUtils;

/**
 * Local mode's HiveServer2 runs the load once on a scratch database right after it starts, so the first slot's load
 * finds a warm engine (compiler, local MapReduce, the CSV reader and the ORC writer loaded and compiled), as a
 * cluster's long-running HiveServer2 is: the packaged {@code load_snapshot.hql} with {@code realtime_trend} renamed
 * {@code local_warmup}, over one raw row of an hour of 2000 written under {@code dir}; then the database and
 * {@code dir} are removed. It never touches {@code realtime_trend}.
 */
public final class HiveWarmUp {

    static final String DATABASE = "local_warmup";

    private final String jdbcUrl;
    private final Path dir;

    public HiveWarmUp(String jdbcUrl, Path dir) {
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl is null");
        this.dir = Objects.requireNonNull(dir, "dir is null");
    }

    /** Runs the warm-up load and removes what it wrote; returns how long it took. */
    public Duration run() throws IOException, SQLException, LoadException {
        long started = System.nanoTime();
        Path hour = Files.createDirectories(dir.resolve("raw/dt=2000-01-01/hr=00"));
        Files.writeString(hour.resolve("200001010000.csv"), String.join(",", SnapshotColumns.HEADER) + "\n"
                + "2000-01-01 00:00:00,2000-01-01 00:00:05,1,warm-up,new\n", StandardCharsets.UTF_8);
        try (Connection connection = DriverManager.getConnection(jdbcUrl, System.getProperty("user.name"), "")) {
            try {
                new HqlRunner(connection, Duration.ofMinutes(2)).run(script(),
                        Map.of("dataRoot", dir.toUri().toString(), "dt", "2000-01-01", "hr", "00"));
            } finally {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " CASCADE");
                }
                PathUtils.deleteDirectory(dir);
            }
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static HqlScript script() throws IOException {
        try (InputStream in = HiveWarmUp.class.getResourceAsStream(LoadCommand.SCRIPT_RESOURCE)) {
            if (in == null) {
                throw new IOException(LoadCommand.SCRIPT_RESOURCE + " is not on the classpath");
            }
            String load = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            HqlScript script = HqlScript.parse("warm-up of hql/load_snapshot.hql",
                    load.replace("realtime_trend.", DATABASE + ".").replace("EXISTS realtime_trend;", "EXISTS " + DATABASE + ";"));
            script.statements().stream().filter(statement -> statement.sql().contains("realtime_trend")).findFirst()
                    .ifPresent(statement -> {
                        throw new IllegalStateException("the warm-up would touch realtime_trend: " + statement.firstLine());
                    });
            return script;
        }
    }
}
