package io.realtimetrend.local;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How long an action's child JVM may run: until the run's deadline ({@code --timeout}), and no longer than the
 * action timeout when there is one ({@code --action-timeout}: with {@code --live}, and for what the oozie CLI runs
 * once a {@code --serve} range is done). Read by the executors as each action starts; changed by the run.
 */
public final class ActionBounds {

    /** The bounds in force: a run deadline, and maybe a bound on each action. */
    private record Bounds(Instant runDeadline, Optional<Duration> perAction) {
    }

    private volatile Bounds bounds;

    /** Bounds with the run's deadline {@code runDeadline} and, when present, {@code perAction} on each action. */
    ActionBounds(Instant runDeadline, Optional<Duration> perAction) {
        this.bounds = new Bounds(Objects.requireNonNull(runDeadline, "runDeadline is null"),
                Objects.requireNonNull(perAction, "perAction is null"));
    }

    /** From now on no run deadline, only {@code perAction} on each action (the range is done; the CLI's runs follow). */
    void serveBeyondTheRange(Duration perAction) {
        bounds = new Bounds(Schedule.FAR_FUTURE, Optional.of(perAction));
    }

    /** The deadline of an action that starts at {@code start}: the run's, or sooner the action's own bound. */
    Instant deadline(Instant start) {
        Bounds now = bounds;
        return now.perAction().map(start::plus).filter(action -> action.isBefore(now.runDeadline()))
                .orElse(now.runDeadline());
    }
}
