package io.realtimetrend.crawl;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The crawl's options for the browser it drives, read into {@link BrowserSettings}; a mixin of {@link CrawlAction}. */
public final class BrowserOptions {

    @Option(names = "--selenium-url", description = "Selenium Grid / standalone-chrome URL; empty or 'local': local headless Chromium.") String seleniumUrl;
    @Option(names = "--chromium", defaultValue = "/usr/bin/chromium", description = "Local browser binary (default: ${DEFAULT-VALUE}).") Path chromium;
    @Option(names = "--chromedriver", defaultValue = "/usr/bin/chromedriver", description = "Local driver binary (default: ${DEFAULT-VALUE}).") Path chromedriver;
    @Option(names = "--chromium-arg", description = "Extra Chromium switch (repeatable).") List<String> chromiumArgs = new ArrayList<>();
    @Option(names = "--page-load-timeout", defaultValue = "PT30S", description = "Bound on loading the page, ISO-8601 (default: ${DEFAULT-VALUE}).") Duration pageLoadTimeout;
    @Option(names = "--render-timeout", defaultValue = "PT15S", description = "Bound on the ranking being rendered, ISO-8601 (default: ${DEFAULT-VALUE}).") Duration renderTimeout;

    // arity 0..1, as --recrawl: the workflow passes --chromium-sandbox=${crawlChromiumSandbox}
    @Option(names = "--chromium-sandbox", arity = "0..1", fallbackValue = "true", defaultValue = "true",
            description = "Chromium's sandbox; false turns it off. A local Chromium run as root always runs without "
            + "it, as its sandbox refuses root (default: ${DEFAULT-VALUE}).")
    boolean chromiumSandbox;

    /** The bound on loading the page, which the JSON endpoint's request ({@code --source api}) is held to as well. */
    Duration pageLoadTimeout() {
        return pageLoadTimeout;
    }

    BrowserSettings settings() {
        Optional<URI> grid = Optional.ofNullable(seleniumUrl)
                .filter(s -> !s.isBlank() && !s.equalsIgnoreCase("local")).map(URI::create);
        return new BrowserSettings(grid, chromium, chromedriver, chromiumArgs, pageLoadTimeout, renderTimeout,
                chromiumSandbox);
    }
}
