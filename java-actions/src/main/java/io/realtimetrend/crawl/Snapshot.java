package io.realtimetrend.crawl;

import io.realtimetrend.contract.Slot;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/** One validated crawl: the slot it belongs to, when the page was read, and the ranking. */
public record Snapshot(Slot slot, ZonedDateTime crawledAt, List<RankedKeyword> ranking) {

    public Snapshot {
        Objects.requireNonNull(slot, "slot is null");
        Objects.requireNonNull(crawledAt, "crawledAt is null");
        ranking = List.copyOf(ranking);
    }
}
