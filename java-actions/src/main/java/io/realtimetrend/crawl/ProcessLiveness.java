package io.realtimetrend.crawl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Whether a process still runs, as a check for leftovers needs it. A killed process whose new parent (init, after
 * its own parent died) has not reaped it yet is a zombie: it has ended and holds nothing but its process-table
 * entry, yet {@link ProcessHandle#isAlive()} reports it alive until it is reaped, which some inits do lazily.
 */
public final class ProcessLiveness {

    private ProcessLiveness() {
    }

    /** Alive and not a zombie; where {@code /proc} cannot say, alive is running. */
    public static boolean running(ProcessHandle process) {
        Objects.requireNonNull(process, "process is null");
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            int endOfName = stat.lastIndexOf(')'); // the name may hold spaces and parentheses; the state follows it
            return endOfName < 0 || endOfName + 2 >= stat.length() || stat.charAt(endOfName + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return process.isAlive();
        }
    }
}
