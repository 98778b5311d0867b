package io.realtimetrend.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

/**
 * The live scenarios ({@link LiveRunIT}, {@link DeliveryIT}) follow the clock, minutes of waiting each, so they start
 * in the background before the short runs of {@link LocalRunFailuresIT} and go on beside them; their own test
 * methods join them. Failsafe runs this module's IT classes in one JVM, in the order of their {@code @Order}
 * (src/test/resources/junit-platform.properties); a class run alone starts only what it joins.
 */
final class BackgroundScenarios {

    /** A scenario's body: what its test asserts. */
    @FunctionalInterface
    interface Scenario {
        void run() throws Exception;
    }

    /** The scenarios' commands' output and data roots (under target/, kept for a look after a failure). */
    static final Path DIR = createDir();

    private static CompletableFuture<Void> live;
    private static CompletableFuture<Void> delivery;
    private static final Set<CompletableFuture<Void>> JOINED = new HashSet<>();

    private BackgroundScenarios() {
    }

    /** Starts every scenario not started yet. */
    static void startAll() {
        live();
        delivery();
    }

    /** The live scenario ({@link LiveRunIT#scenario}), started on first call. */
    static synchronized CompletableFuture<Void> live() {
        if (live == null) {
            live = start("live-scenario", () -> LiveRunIT.scenario(DIR.resolve("live")));
        }
        return live;
    }

    /** The delivery scenario ({@link DeliveryIT#scenario}), on a data root of its own, started on first call. */
    static synchronized CompletableFuture<Void> delivery() {
        if (delivery == null) {
            delivery = start("delivery-scenario", () -> DeliveryIT.scenario(DIR.resolve("delivery")));
        }
        return delivery;
    }

    private static CompletableFuture<Void> start(String name, Scenario scenario) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                scenario.run();
                future.complete(null);
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return future;
    }

    /** Waits for a scenario, at most {@code minutes}; its failure is thrown as it was raised. */
    static void join(CompletableFuture<Void> scenario, int minutes) throws Exception {
        synchronized (BackgroundScenarios.class) {
            JOINED.add(scenario);
        }
        try {
            scenario.get(minutes, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            throw cause instanceof Exception exception ? exception : e;
        }
    }

    /**
     * Once every started scenario has been joined (passed, failed or timed out), ends whatever a failed one left
     * running (a live command it did not stop): every process below this JVM.
     */
    static synchronized void endWhatIsLeft() {
        List<CompletableFuture<Void>> started = new ArrayList<>();
        if (live != null) {
            started.add(live);
        }
        if (delivery != null) {
            started.add(delivery);
        }
        if (JOINED.containsAll(started)) {
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** {@code local --live --demo} at a 1-minute frequency on {@code dataRoot}, with any free Oozie port. */
    static RunningCommand liveCommand(Path dataRoot, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("local", "--live", "--demo", "--frequency-minutes", "1",
                "--data-root", dataRoot.toString(), "--oozie-port", "0"));
        args.addAll(List.of(extra));
        return new RunningCommand(DIR, args);
    }

    /** The start of a live run's {@code [yyyy-MM-dd HH:mm] workflow …} line (its nominal time in KST as group 1). */
    static final String RUN = "^\\[(\\S+ \\S+)\\] workflow \\S+ ";

    /** The nominal time of a {@link #RUN} line. */
    static Instant nominal(Matcher line) {
        return nominal(line.group(1));
    }

    /** A nominal time as the live run prints it ({@code yyyy-MM-dd HH:mm}, KST). */
    static Instant nominal(String kst) {
        return LocalDateTime.parse(kst.replace(' ', 'T')).atZone(ZoneId.of("Asia/Seoul")).toInstant();
    }

    private static Path createDir() {
        try {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target")), "live-scenarios").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
