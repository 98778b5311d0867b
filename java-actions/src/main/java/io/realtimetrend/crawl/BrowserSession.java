package io.realtimetrend.crawl;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.remote.http.ClientConfig;

/**
 * One browser for one read, which leaves nothing behind: the driver is quit when the read ends, and by a JVM
 * shutdown hook when the action is stopped (SIGTERM) while the browser lives; when quitting hangs or fails, the
 * local chromedriver and Chromium processes are killed. The local profile directory is deleted at the end.
 */
final class BrowserSession implements AutoCloseable {

    /** Quitting a healthy browser takes well under a second; longer means it hangs. */
    private static final Duration QUIT_BOUND = Duration.ofSeconds(5);
    /** Bound on opening a connection to the driver or Grid (a connect is quick or never). */
    private static final Duration CONNECT_BOUND = Duration.ofSeconds(10);

    private final Optional<BrowserProcesses> local;
    private final Thread shutdownHook = new Thread(this::close, "quit-browser");
    private WebDriver driver; // guarded by this
    private boolean closed; // guarded by this

    private BrowserSession(Optional<BrowserProcesses> local) {
        this.local = local;
    }

    /**
     * Starts the browser. Every command the driver sends is bounded by what is left of {@code deadline} (the HTTP
     * client's read timeout), and so are page loads and scripts; implicit waits are off (the crawl waits explicitly).
     */
    static BrowserSession start(BrowserSettings settings, Deadline deadline) {
        Objects.requireNonNull(settings, "settings is null");
        ChromeOptions options = new ChromeOptions();
        options.addArguments(BrowserSettings.HEADLESS_ARGUMENTS);
        options.addArguments(settings.sandboxArguments());
        options.addArguments(settings.extraArguments());
        ClientConfig client = ClientConfig.defaultConfig().connectionTimeout(deadline.cap(CONNECT_BOUND))
                .readTimeout(deadline.remaining());
        ChromeDriverService service = null;
        BrowserSession session;
        if (settings.gridUrl().isPresent()) {
            session = new BrowserSession(Optional.empty());
        } else {
            Path profile = createProfileDir();
            options.setBinary(settings.chromiumBinary().toFile());
            options.addArguments("--user-data-dir=" + profile);
            service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(settings.chromedriver().toFile())
                    .usingAnyFreePort()
                    .withTimeout(deadline.remaining())
                    .withLogOutput(OutputStream.nullOutputStream())
                    .build();
            session = new BrowserSession(Optional.of(
                    new BrowserProcesses(OptionalInt.of(service.getUrl().getPort()), profile)));
        }
        // before the driver starts: a SIGTERM while chromedriver launches Chromium must not leave either behind
        Runtime.getRuntime().addShutdownHook(session.shutdownHook);
        try {
            WebDriver started = service == null
                    ? RemoteWebDriver.builder().oneOf(options).address(settings.gridUrl().get()).config(client).build()
                    : new ChromeDriver(service, options, client);
            session.attach(started);
            started.manage().timeouts().implicitlyWait(Duration.ZERO);
            started.manage().timeouts().scriptTimeout(deadline.remaining());
            return session;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** The running browser. */
    synchronized WebDriver driver() {
        return driver;
    }

    private void attach(WebDriver started) {
        boolean stopping;
        synchronized (this) {
            stopping = closed;
            driver = started;
        }
        if (stopping) {
            // the JVM is shutting down and the hook ran while the driver was being created
            List<ProcessHandle> tree = local.map(BrowserProcesses::alive).orElse(List.of());
            quitWithin(started);
            local.ifPresent(processes -> processes.destroy(tree));
        }
    }

    /** Quits the browser (bounded), kills what is left of it, deletes its profile. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<ProcessHandle> tree = local.map(BrowserProcesses::alive).orElse(List.of());
        if (driver != null) {
            quitWithin(driver);
        }
        local.ifPresent(processes -> {
            processes.destroy(tree);
            deleteRecursively(processes.profile());
        });
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to; it finds the session closed
            }
        }
    }

    /** Quits in a helper thread, so a hanging driver cannot hold the action; what it leaves is killed after. */
    private static void quitWithin(WebDriver driver) {
        Thread quit = new Thread(driver::quit, "quit-driver");
        quit.setDaemon(true);
        quit.setUncaughtExceptionHandler((t, e) -> { }); // a driver that is already gone cannot be quit
        quit.start();
        try {
            quit.join(QUIT_BOUND.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path createProfileDir() {
        try {
            return Files.createTempDirectory("realtime-trend-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a browser profile directory", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // a leftover profile in the temp directory is harmless
        }
    }
}
