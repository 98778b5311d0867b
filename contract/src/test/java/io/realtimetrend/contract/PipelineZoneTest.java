package io.realtimetrend.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code --timezone} with daylight saving is refused at start: in Europe/Berlin the crawls of 2026-10-25T00:30Z
 * and 01:30Z are both 02:30 local time and would share one snapshot file.
 */
class PipelineZoneTest {

    @Command(name = "stage")
    static final class Stage implements Callable<Integer> {

        @Mixin
        StageOptions stage;

        @Override
        public Integer call() {
            return 0;
        }
    }

    @Test
    void aZoneWithDaylightSavingIsRefusedBeforeTheStageRunsWithOneLine() throws Exception {
        assertThat(Slot.of(Instant.parse("2026-10-25T00:30:00Z"), ZoneId.of("Europe/Berlin")).fileStem())
                .as("the fault: the repeated hour at fall-back")
                .isEqualTo(Slot.of(Instant.parse("2026-10-25T01:30:00Z"), ZoneId.of("Europe/Berlin")).fileStem());

        assertThatThrownBy(() -> CommandLines.exitCode(new Stage(), true, "--timezone", "Europe/Berlin",
                "--nominal-time", "2026-10-25T01:30:00Z"))
                .isInstanceOf(CommandLines.ActionFailedException.class)
                .hasMessage("Invalid value for option '--timezone': Europe/Berlin changes its UTC offset (daylight "
                        + "saving): a repeated or skipped hour would give two slots one file name or count the wrong "
                        + "snapshots; use a zone without offset changes (Asia/Seoul, UTC) or a fixed offset such as +01:00");
    }

    @Test
    void zonesWithOneOffsetSinceTwoThousandAreAccepted() {
        for (String zone : new String[] {"Asia/Seoul", "UTC", "+01:00", "Asia/Tokyo"}) {
            Stage stage = new Stage();
            assertThat(CommandLines.exitCode(stage, true, "--timezone", zone)).isZero();
            assertThat(stage.stage.zone()).isEqualTo(ZoneId.of(zone));
        }
    }
}
