package io.realtimetrend.analyze;

import io.realtimetrend.contract.TrendRow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** An independent computation of docs/contract.md section 3 in plain Java, written from the contract, not the job. */
final class TrendModel {

    private TrendModel() {
    }

    /** Expected lines {@code position|keyword|appearances|snapshots|ratio|avg|best|latest} of the window. */
    static List<String> expected(List<SnapshotRow> rows, LocalDateTime windowEnd) {
        LocalDateTime start = windowEnd.minusMinutes(60);
        TreeMap<LocalDateTime, Map<String, Integer>> snapshots = new TreeMap<>();
        for (SnapshotRow row : rows) {
            if (row.time().isAfter(start) && !row.time().isAfter(windowEnd)) {
                snapshots.computeIfAbsent(row.time(), t -> new HashMap<>()).merge(row.keyword(), row.rank(), Math::min);
            }
        }
        if (snapshots.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> newest = snapshots.lastEntry().getValue();
        TreeSet<String> keywords = new TreeSet<>();
        snapshots.values().forEach(s -> keywords.addAll(s.keySet()));
        record Figure(String keyword, int appearances, BigDecimal ratio, BigDecimal avg, int best, Integer latest) {
        }
        List<Figure> figures = new ArrayList<>();
        int n = snapshots.size();
        for (String keyword : keywords) {
            List<Integer> ranks = snapshots.values().stream().filter(s -> s.containsKey(keyword))
                    .map(s -> s.get(keyword)).toList();
            int sum = ranks.stream().mapToInt(Integer::intValue).sum();
            figures.add(new Figure(keyword, ranks.size(),
                    BigDecimal.valueOf(ranks.size() * 100L).divide(BigDecimal.valueOf(n), 1, RoundingMode.HALF_UP),
                    BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(ranks.size()), 2, RoundingMode.HALF_UP),
                    ranks.stream().mapToInt(Integer::intValue).min().orElseThrow(), newest.get(keyword)));
        }
        figures.sort(Comparator.comparing(Figure::ratio).reversed().thenComparing(Figure::avg)
                .thenComparing(Figure::keyword));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < figures.size(); i++) {
            Figure f = figures.get(i);
            lines.add((i + 1) + "|" + f.keyword() + "|" + f.appearances() + "|" + n + "|" + f.ratio().toPlainString()
                    + "|" + f.avg().toPlainString() + "|" + f.best() + "|" + (f.latest() == null ? "" : f.latest()));
        }
        return lines;
    }

    /** The same shape from the job's rows of one window. */
    static List<String> actual(List<TrendRow> rows) {
        return rows.stream().map(r -> r.position() + "|" + r.keyword() + "|" + r.appearances() + "|" + r.snapshots()
                + "|" + r.appearanceRatio().toPlainString() + "|" + r.avgRank().toPlainString() + "|" + r.bestRank()
                + "|" + (r.latestRank() == null ? "" : r.latestRank())).toList();
    }
}
