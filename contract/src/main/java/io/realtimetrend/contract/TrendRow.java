package io.realtimetrend.contract;

import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * One line of {@code trends.csv}: a keyword's figures in one window (docs/contract.md section 3). Written by analyze,
 * read by publish, both through {@link TrendsCsv}.
 *
 * @param latestRank the keyword's rank in the window's newest snapshot; null when it is absent there
 */
public record TrendRow(ZonedDateTime windowEnd, int position, String keyword, long appearances, long snapshots,
                       BigDecimal appearanceRatio, BigDecimal avgRank, int bestRank, Integer latestRank) {

    public TrendRow {
        Objects.requireNonNull(windowEnd, "windowEnd is null");
        Objects.requireNonNull(keyword, "keyword is null");
        Objects.requireNonNull(appearanceRatio, "appearanceRatio is null");
        Objects.requireNonNull(avgRank, "avgRank is null");
    }
}
