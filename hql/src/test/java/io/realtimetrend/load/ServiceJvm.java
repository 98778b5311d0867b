package io.realtimetrend.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimetrend.contract.ServiceReady;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A service main of this module (HiveServer2, the metastore) in a JVM of its own, with the tests' classpath and
 * {@code --add-opens}: started, and ready once it prints {@code ready <address>}.
 *
 * @param process the JVM
 * @param address what it printed after {@code ready }
 */
record ServiceJvm(Process process, String address) implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(120);

    /** Starts {@code main ARGS}, its output in a file under {@code logDir}, and waits until it is ready. */
    static ServiceJvm start(Path logDir, Class<?> main, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-XX:+Ignore") || a.startsWith("-Djdk.reflect")).toList());
        command.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Path out = Files.createDirectories(logDir).resolve(main.getSimpleName() + "-" + System.nanoTime() + ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> address = Files.readAllLines(out).stream().map(ServiceReady::address)
                    .flatMap(Optional::stream).findFirst();
            if (address.isPresent()) {
                return new ServiceJvm(process, address.get());
            }
            assertThat(process.isAlive()).as(main.getSimpleName() + " starting, see " + out).isTrue();
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new AssertionError(main.getSimpleName() + " not ready within " + START.toSeconds() + " s, see " + out);
    }

    /** SIGKILL, as a crash or {@code kill -9} ends it. */
    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }
}
