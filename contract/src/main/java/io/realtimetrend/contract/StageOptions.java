package io.realtimetrend.contract;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options every stage's main shares, declared once (a picocli {@code @Mixin}): {@code --data-root},
 * {@code --nominal-time} and {@code --timezone}, and what they make, the slot and the data layout.
 */
public final class StageOptions {

    @Option(names = "--data-root", defaultValue = DataLayout.DEFAULT_ROOT,
            description = "Data root: local dir or Hadoop URI (default: ${DEFAULT-VALUE}).")
    private String dataRoot;

    @Option(names = "--nominal-time",
            description = "Oozie nominal time (ISO-8601 instant or local time with offset); default: now.")
    private String nominalTime;

    @Option(names = "--timezone", defaultValue = TimeFormats.DEFAULT_ZONE_ID, converter = PipelineZone.class,
            description = "Zone of stored times, paths and partitions, without daylight saving (default: ${DEFAULT-VALUE}).")
    private ZoneId timezone;

    /** The {@code --data-root} as given. */
    public String dataRoot() {
        return dataRoot;
    }

    /** The nominal time, when one was given. */
    public Optional<Instant> nominalTime() {
        return Optional.ofNullable(nominalTime).map(TimeFormats::parseInstant);
    }

    public ZoneId zone() {
        return timezone;
    }

    /** The slot of the nominal time, or of {@code clock}'s now when none was given. */
    public Slot slot(Clock clock) {
        Objects.requireNonNull(clock, "clock is null");
        return Slot.of(nominalTime().orElseGet(clock::instant), timezone);
    }

    /** The slot of the nominal time, or of now. */
    public Slot slot() {
        return slot(Clock.systemUTC());
    }

    public DataLayout layout() {
        return DataLayout.of(dataRoot);
    }
}
