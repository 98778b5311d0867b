package io.realtimetrend.contract;

import java.util.List;

/** The header of a crawl snapshot CSV (docs/contract.md section 1), in file order. */
public final class SnapshotColumns {

    public static final String SNAPSHOT_TIME = "snapshot_time";
    public static final String CRAWLED_AT = "crawled_at";
    public static final String RANK = "rank";
    public static final String KEYWORD = "keyword";
    public static final String STATE = "state";

    /** All columns, in file order. */
    public static final List<String> HEADER = List.of(SNAPSHOT_TIME, CRAWLED_AT, RANK, KEYWORD, STATE);

    /** Fewest ranks a valid snapshot holds. */
    public static final int MIN_RANKS = 10;

    /** Longest stored keyword, in Unicode code points (a surrogate pair counts once and is never split). */
    public static final int MAX_KEYWORD_LENGTH = 100;

    private SnapshotColumns() {
    }
}
