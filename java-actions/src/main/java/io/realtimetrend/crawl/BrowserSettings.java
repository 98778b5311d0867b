package io.realtimetrend.crawl;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the crawl gets a browser: a Selenium Grid / standalone-chrome when {@code gridUrl} is set (cluster nodes
 * rarely have a browser), otherwise a local headless Chromium started with the given binaries, so Selenium
 * Manager never runs and nothing is downloaded.
 *
 * @param gridUrl          the Grid's URL ({@code http://selenium:4444/wd/hub}); empty for a local browser
 * @param chromiumBinary   local browser binary
 * @param chromedriver     local driver binary
 * @param extraArguments   more Chromium switches, e.g. {@code --host-resolver-rules=…} in tests
 * @param pageLoadTimeout  bound on loading the page
 * @param renderTimeout    bound on waiting for the ranking to be rendered by the page's JavaScript
 * @param sandbox          false turns Chromium's sandbox off; true keeps it on unless a local browser runs as root
 */
public record BrowserSettings(Optional<URI> gridUrl, Path chromiumBinary, Path chromedriver,
                              List<String> extraArguments, Duration pageLoadTimeout, Duration renderTimeout,
                              boolean sandbox) {

    /** Switches for a headless browser in a container on a closed network. */
    public static final List<String> HEADLESS_ARGUMENTS = List.of(
            "--headless=new", "--disable-dev-shm-usage", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", "--disable-quic", "--window-size=1280,1024");

    public BrowserSettings {
        Objects.requireNonNull(gridUrl, "gridUrl is null");
        Objects.requireNonNull(chromiumBinary, "chromiumBinary is null");
        Objects.requireNonNull(chromedriver, "chromedriver is null");
        extraArguments = List.copyOf(extraArguments);
        Objects.requireNonNull(pageLoadTimeout, "pageLoadTimeout is null");
        Objects.requireNonNull(renderTimeout, "renderTimeout is null");
    }

    /** The sandbox switch for this browser: a Grid's browser runs as the Grid's user, so only the setting counts. */
    public List<String> sandboxArguments() {
        return sandboxArguments(sandbox, gridUrl.isEmpty() && runningAsRoot());
    }

    /**
     * {@code --no-sandbox} only when asked for or when Chromium runs as root, which its sandbox refuses; as any
     * other user the sandbox stays on, so a compromised renderer cannot reach the node.
     */
    static List<String> sandboxArguments(boolean sandbox, boolean root) {
        return sandbox && !root ? List.of() : List.of("--no-sandbox");
    }

    /** Whether this process's effective user is root (the owner of /proc/self), by name where /proc is missing. */
    static boolean runningAsRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
