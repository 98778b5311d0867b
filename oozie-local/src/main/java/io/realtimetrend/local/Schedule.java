package io.realtimetrend.local;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The nominal times a local run gives the coordinator: {@code first} .. {@code last} every {@code frequencyMinutes}
 * ({@code coordFrequencyMinutes}). A range is replayed in order; a live schedule starts at the next run after the
 * clock and keeps the production policy. The frequency divides an hour and either divides the 10-minute slot or is
 * a multiple of it, so every run falls on the slot grid and each hour has the same runs.
 *
 * @param live whether the clock drives the runs (the production policy) rather than a replayed range
 */
public record Schedule(Instant first, Instant last, int frequencyMinutes, boolean live) {

    /** The frequencies that keep runs on the 10-minute slot grid. */
    public static final Set<Integer> FREQUENCIES = Set.of(1, 2, 5, 10, 20, 30, 60);

    /** A live run without {@code --to}: the shipped job.properties' {@code end}. */
    static final Instant FAR_FUTURE = Instant.parse("2099-12-31T00:00:00Z");

    public Schedule {
        Objects.requireNonNull(first, "first is null");
        Objects.requireNonNull(last, "last is null");
        if (!FREQUENCIES.contains(frequencyMinutes)) {
            throw new IllegalArgumentException("--frequency-minutes " + frequencyMinutes + " is not one of "
                    + new java.util.TreeSet<>(FREQUENCIES) + " (it must divide an hour and fit the 10-minute slots)");
        }
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("--to " + last + " is before the first run " + first);
        }
    }

    /** From the first run after {@code now} until {@code to} (or far in the future). */
    public static Schedule live(Instant now, Optional<Instant> to, int frequencyMinutes) {
        Instant first = nextRun(now, frequencyMinutes);
        return new Schedule(first, to.orElse(FAR_FUTURE), frequencyMinutes, true);
    }

    /** The first nominal time strictly after {@code now} on the grid of {@code frequencyMinutes} (UTC hours). */
    public static Instant nextRun(Instant now, int frequencyMinutes) {
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        long epochMinute = minute.getEpochSecond() / 60;
        return Instant.ofEpochSecond((epochMinute / frequencyMinutes + 1) * frequencyMinutes * 60);
    }

    /** How many runs the range holds. */
    public int count() {
        return (int) (Duration.between(first, last).toMinutes() / frequencyMinutes) + 1;
    }
}
