package io.realtimetrend.contract;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A crawl slot: an Oozie nominal time truncated to 10 minutes, seen in the pipeline's timezone (KST by default).
 * Replays and backfills use the slot, never the wall clock, so re-running a nominal time reproduces its data.
 */
public record Slot(ZonedDateTime start) {

    /** A slot's length in minutes (docs/contract.md), whatever the coordinator's frequency (coordFrequencyMinutes). */
    public static final int MINUTES = 10;

    private static final DateTimeFormatter DT = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter HR = DateTimeFormatter.ofPattern("HH");
    private static final DateTimeFormatter FILE_STEM = DateTimeFormatter.ofPattern("yyyyMMddHHmm");

    public Slot {
        Objects.requireNonNull(start, "start is null");
        if (start.getMinute() % MINUTES != 0 || start.getSecond() != 0 || start.getNano() != 0) {
            throw new IllegalArgumentException("a slot starts on a 10-minute boundary: " + start);
        }
    }

    /** The slot holding {@code nominalTime}, in {@code zone}. */
    public static Slot of(Instant nominalTime, ZoneId zone) {
        ZonedDateTime local = nominalTime.atZone(Objects.requireNonNull(zone, "zone is null"))
                .truncatedTo(ChronoUnit.MINUTES);
        return new Slot(local.minusMinutes(local.getMinute() % MINUTES));
    }

    /** Partition value {@code dt}: {@code yyyy-MM-dd}. */
    public String dt() {
        return DT.format(start);
    }

    /** Partition value {@code hr}: {@code HH}. */
    public String hr() {
        return HR.format(start);
    }

    /** {@code yyyyMMddHHmm}, the snapshot file's name without extension. */
    public String fileStem() {
        return FILE_STEM.format(start);
    }

    /** Hive TIMESTAMP text, {@code yyyy-MM-dd HH:mm:ss}. */
    public String text() {
        return TimeFormats.text(start);
    }
}
