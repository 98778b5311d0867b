package io.realtimetrend.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The runs of a local schedule: the next one on the frequency's grid, and the frequencies that fit the slots. */
class ScheduleTest {

    @Test
    void aLiveScheduleStartsAtTheNextRunOnTheGrid() {
        Instant now = Instant.parse("2026-11-27T18:39:59.5Z");

        assertThat(Schedule.live(now, Optional.empty(), 10).first()).isEqualTo("2026-11-27T18:40:00Z");
        assertThat(Schedule.live(now, Optional.empty(), 1).first()).isEqualTo("2026-11-27T18:40:00Z");
        assertThat(Schedule.nextRun(Instant.parse("2026-11-27T18:40:00Z"), 10)).as("strictly after")
                .isEqualTo("2026-11-27T18:50:00Z");
        assertThat(Schedule.nextRun(Instant.parse("2026-11-27T18:40:00Z"), 30)).isEqualTo("2026-11-27T19:00:00Z");
        assertThat(Schedule.live(now, Optional.empty(), 10).last()).isEqualTo(Schedule.FAR_FUTURE);
    }

    @Test
    void aRangeCountsItsRunsAtItsFrequency() {
        Instant first = Instant.parse("2026-11-26T09:10:00Z");
        Instant last = Instant.parse("2026-11-26T10:00:00Z");

        assertThat(new Schedule(first, last, 10, false).count()).isEqualTo(6);
        assertThat(new Schedule(first, last, 5, false).count()).isEqualTo(11);
    }

    @Test
    void aFrequencyOffTheSlotGridIsRefused() {
        Instant t = Instant.parse("2026-11-26T09:10:00Z");

        assertThatThrownBy(() -> new Schedule(t, t, 7, false)).hasMessageStartingWith("--frequency-minutes 7 is not one of");
        assertThatThrownBy(() -> new Schedule(t, t, 15, true)).hasMessageContaining("[1, 2, 5, 10, 20, 30, 60]");
    }
}
