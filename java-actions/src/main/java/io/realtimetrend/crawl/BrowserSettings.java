package io.realtimetrend.crawl;

import java.net.URI;
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
 */
public record BrowserSettings(Optional<URI> gridUrl, Path chromiumBinary, Path chromedriver,
                              List<String> extraArguments, Duration pageLoadTimeout, Duration renderTimeout) {

    /** Switches for a headless browser in a container, as root, on a closed network. */
    public static final List<String> HEADLESS_ARGUMENTS = List.of(
            "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
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
}
