package io.realtimetrend.publish;

import io.realtimetrend.contract.TimeFormats;
import io.realtimetrend.contract.TrendColumns;
import io.realtimetrend.contract.TrendMessageFormat;
import io.realtimetrend.contract.TrendRow;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** Builds the message of one window from its trend rows: the top {@code topN} items and the legacy text. */
public final class MessageBuilder {

    private static final DateTimeFormatter TEXT_TIME = DateTimeFormatter.ofPattern("yy/MM/dd HH:mm:ss");

    private final int topN;

    public MessageBuilder(int topN) {
        if (topN < 1) {
            throw new IllegalArgumentException("topN must be positive: " + topN);
        }
        this.topN = topN;
    }

    /** The message for the window ending at {@code windowEnd}, whose trends live in {@code outputPath}. */
    public TrendMessage build(ZonedDateTime windowEnd, List<TrendRow> rows, String outputPath) {
        Objects.requireNonNull(windowEnd, "windowEnd is null");
        List<TrendMessage.Item> items = rows.stream().limit(topN)
                .map(row -> new TrendMessage.Item(row.position(), row.keyword(), row.appearanceRatio().doubleValue(),
                        row.avgRank().doubleValue(), Math.toIntExact(row.appearances()), row.bestRank(),
                        row.latestRank()))
                .toList();
        int snapshots = rows.isEmpty() ? 0 : Math.toIntExact(rows.get(0).snapshots());
        return new TrendMessage(TrendMessageFormat.SCHEMA_VERSION,
                TimeFormats.iso(windowEnd.minusMinutes(TrendColumns.WINDOW_MINUTES)), TimeFormats.iso(windowEnd),
                snapshots, TrendColumns.EXPECTED_SNAPSHOTS, items, text(windowEnd, items), outputPath);
    }

    /** {@code [최근 1시간 인기 검색어] \n기준시간: yy/MM/dd HH:mm:ss \n} then {@code %2d.  keyword} lines. */
    static String text(ZonedDateTime windowEnd, List<TrendMessage.Item> items) {
        String header = "[최근 1시간 인기 검색어] \n기준시간: " + TEXT_TIME.format(windowEnd) + " \n";
        return header + items.stream()
                .map(item -> String.format("%2d.  %s", item.position(), item.keyword()))
                .collect(Collectors.joining("\n"));
    }
}
