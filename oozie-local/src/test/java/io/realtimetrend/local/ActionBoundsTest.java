package io.realtimetrend.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An action's deadline: the run's, or sooner its own bound; and once a served range is done, its own bound only. */
class ActionBoundsTest {

    @Test
    void anActionIsBoundByTheActionTimeoutWhenItIsSoonerThanTheRunsDeadline() {
        ActionBounds live = new ActionBounds(Schedule.FAR_FUTURE, Optional.of(Duration.ofSeconds(20)));
        Instant start = Instant.now();

        assertThat(live.deadline(start)).isEqualTo(start.plusSeconds(20));

        Instant soon = start.plusSeconds(5);
        assertThat(new ActionBounds(soon, Optional.of(Duration.ofSeconds(20))).deadline(start)).isEqualTo(soon);
    }

    @Test
    void aRangeBoundsItsActionsByItsDeadlineUntilItIsDoneThenEachActionByItsOwn() {
        Instant start = Instant.now();
        ActionBounds range = new ActionBounds(start.plusSeconds(30), Optional.empty());

        assertThat(range.deadline(start.plusSeconds(10))).isEqualTo(start.plusSeconds(30));

        range.serveBeyondTheRange(Duration.ofMinutes(10));
        assertThat(range.deadline(start.plusSeconds(60))).isEqualTo(start.plusSeconds(60).plus(Duration.ofMinutes(10)));
    }
}
