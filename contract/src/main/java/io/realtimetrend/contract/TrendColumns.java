package io.realtimetrend.contract;

import java.util.List;

/** The header of {@code trends.csv} (docs/contract.md section 3), in file order. */
public final class TrendColumns {

    public static final String FILE_NAME = "trends.csv";

    public static final String WINDOW_END = "window_end";
    public static final String POSITION = "position";
    public static final String KEYWORD = "keyword";
    public static final String APPEARANCES = "appearances";
    public static final String SNAPSHOTS = "snapshots";
    public static final String APPEARANCE_RATIO = "appearance_ratio";
    public static final String AVG_RANK = "avg_rank";
    public static final String BEST_RANK = "best_rank";
    public static final String LATEST_RANK = "latest_rank";

    /** All columns, in file order. */
    public static final List<String> HEADER = List.of(WINDOW_END, POSITION, KEYWORD, APPEARANCES, SNAPSHOTS,
            APPEARANCE_RATIO, AVG_RANK, BEST_RANK, LATEST_RANK);

    /** Length of the analyzed window, ending at the nominal time. */
    public static final int WINDOW_MINUTES = 60;

    /** Snapshots a full window holds. */
    public static final int EXPECTED_SNAPSHOTS = WINDOW_MINUTES / Slot.MINUTES;

    private TrendColumns() {
    }
}
