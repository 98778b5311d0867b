package io.realtimetrend.analyze;

import io.realtimetrend.contract.Slot;
import io.realtimetrend.contract.TrendColumns;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The windows one run computes: every 10-minute window end from {@code first} to {@code last} (one window for a
 * plain run, many for a backfill), and the table partitions that cover them. Times are the pipeline zone's wall
 * clock; Spark runs with session time zone UTC so a wall-clock time maps to one epoch second ({@link #epoch}).
 */
public record Windows(ZonedDateTime first, ZonedDateTime last) {

    public Windows {
        Objects.requireNonNull(first, "first is null");
        Objects.requireNonNull(last, "last is null");
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("--to " + last + " is before --from " + first);
        }
    }

    /** The window ends, oldest first. */
    public List<ZonedDateTime> ends() {
        List<ZonedDateTime> ends = new ArrayList<>();
        for (ZonedDateTime end = first; !end.isAfter(last); end = end.plusMinutes(Slot.MINUTES)) {
            ends.add(end);
        }
        return ends;
    }

    /** Exclusive lower bound of the oldest window: snapshots after it and up to {@link #last} are read. */
    public ZonedDateTime readFrom() {
        return first.minusMinutes(TrendColumns.WINDOW_MINUTES);
    }

    /** The slots in (readFrom, last], oldest first: every snapshot these windows read. */
    public List<Slot> slots() {
        List<Slot> slots = new ArrayList<>();
        for (ZonedDateTime slot = readFrom().plusMinutes(Slot.MINUTES); !slot.isAfter(last);
             slot = slot.plusMinutes(Slot.MINUTES)) {
            slots.add(new Slot(slot));
        }
        return slots;
    }

    /** The (dt, hr) partitions holding {@link #slots}: at most two per window. */
    public Map<String, Set<String>> partitions() {
        Map<String, Set<String>> hoursByDay = new LinkedHashMap<>();
        for (Slot slot : slots()) {
            hoursByDay.computeIfAbsent(slot.dt(), d -> new LinkedHashSet<>()).add(slot.hr());
        }
        return hoursByDay;
    }

    /** Wall-clock time as the epoch second Spark sees for it under session time zone UTC. */
    public static long epoch(ZonedDateTime wallClock) {
        return wallClock.toLocalDateTime().toEpochSecond(ZoneOffset.UTC);
    }

    /** The inverse of {@link #epoch}, in {@code like}'s zone. */
    public static ZonedDateTime wallClock(long epoch, ZonedDateTime like) {
        return LocalDateTime.ofEpochSecond(epoch, 0, ZoneOffset.UTC).atZone(like.getZone());
    }
}
