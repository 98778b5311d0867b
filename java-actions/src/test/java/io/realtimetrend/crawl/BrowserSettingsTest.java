package io.realtimetrend.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.security.auth.module.UnixSystem;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When Chromium runs without its sandbox: only as root or when configured off. */
class BrowserSettingsTest {

    @ParameterizedTest(name = "sandbox={0} root={1} -> --no-sandbox {2}")
    @CsvSource({
        "true,  false, false",
        "true,  true,  true",
        "false, false, true",
        "false, true,  true",
    })
    void noSandboxOnlyForRootOrWhenConfiguredOff(boolean sandbox, boolean root, boolean noSandbox) {
        assertThat(BrowserSettings.sandboxArguments(sandbox, root))
                .isEqualTo(noSandbox ? List.of("--no-sandbox") : List.of());
    }

    @Test
    void rootIsTheEffectiveUidOfThisProcess() {
        assertThat(BrowserSettings.runningAsRoot()).isEqualTo(new UnixSystem().getUid() == 0);
    }

    @Test
    void headlessSwitchesNoLongerTurnTheSandboxOff() {
        assertThat(BrowserSettings.HEADLESS_ARGUMENTS).doesNotContain("--no-sandbox");
    }

    @Test
    void aGridBrowserKeepsItsSandboxWhateverUserTheCrawlRunsAs() {
        BrowserSettings grid = new BrowserSettings(Optional.of(URI.create("http://selenium:4444/wd/hub")),
                Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromedriver"), List.of(), Duration.ofSeconds(30),
                Duration.ofSeconds(15), true);

        assertThat(grid.sandboxArguments()).isEmpty();
    }
}
