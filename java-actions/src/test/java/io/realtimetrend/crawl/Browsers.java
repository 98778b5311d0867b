package io.realtimetrend.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The Debian Chromium the tests drive, kept off the internet. */
public final class Browsers {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** Every host but 127.0.0.1 is unresolvable: a test can never reach the internet. */
    public static final String OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1";

    private Browsers() {
    }

    /** Fails (not skips) when the browser is missing: `.ci/run` installs it. */
    public static void requireInstalled() {
        assertThat(List.of(CHROMIUM, CHROMEDRIVER)).as("Debian chromium and chromium-driver (apt-get install chromium chromium-driver)")
                .allMatch(Files::isExecutable);
    }
}
