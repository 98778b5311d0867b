package io.realtimetrend.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The fault suite's table: each fault test records the fault it injected, what was kept or reported, and how long
 * the failure took; appended to target/fault-table.txt, which bin/test prints as one table at the end.
 */
public final class FaultTable {

    private FaultTable() {
    }

    /** Records one row, e.g. {@code record("Kakao 403/-3", "server stopped, nothing committed", elapsed)}. */
    public static void record(String fault, String outcome, Duration timeToFail) throws IOException {
        String row = String.format("| %s | %s | %.1f s |%n", fault, outcome, timeToFail.toMillis() / 1000.0);
        System.out.print("[fault] " + row);
        Files.writeString(Path.of("target", "fault-table.txt"), row, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
