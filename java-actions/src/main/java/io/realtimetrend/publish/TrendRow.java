package io.realtimetrend.publish;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.OptionalInt;

/** One row of {@code trends.csv} (CONTRACT.md section 3), typed. */
public record TrendRow(int position, String keyword, int appearances, int snapshots, BigDecimal appearanceRatio,
                       BigDecimal avgRank, int bestRank, OptionalInt latestRank) {

    public TrendRow {
        Objects.requireNonNull(keyword, "keyword is null");
        Objects.requireNonNull(appearanceRatio, "appearanceRatio is null");
        Objects.requireNonNull(avgRank, "avgRank is null");
        Objects.requireNonNull(latestRank, "latestRank is null");
    }
}
