package io.realtimetrend.publish;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * The Kafka message of docs/contract.md section 4 (value of the topic, key = window end; version and topic default in
 * {@link io.realtimetrend.contract.TrendMessageFormat}).
 * {@code text} and {@code output_path} keep the original pipeline's consumers working.
 */
@JsonPropertyOrder({"schema_version", "window_start", "window_end", "snapshots", "expected_snapshots", "items",
        "text", "output_path"})
public record TrendMessage(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("window_start") String windowStart,
        @JsonProperty("window_end") String windowEnd,
        @JsonProperty("snapshots") int snapshots,
        @JsonProperty("expected_snapshots") int expectedSnapshots,
        @JsonProperty("items") List<Item> items,
        @JsonProperty("text") String text,
        @JsonProperty("output_path") String outputPath) {

    public TrendMessage {
        Objects.requireNonNull(windowStart, "windowStart is null");
        Objects.requireNonNull(windowEnd, "windowEnd is null");
        items = List.copyOf(items);
        Objects.requireNonNull(text, "text is null");
        Objects.requireNonNull(outputPath, "outputPath is null");
    }

    /** One ranked keyword of the window. {@code latest_rank} is null when absent from the newest snapshot. */
    @JsonPropertyOrder({"position", "keyword", "appearance_ratio", "avg_rank", "appearances", "best_rank", "latest_rank"})
    public record Item(
            @JsonProperty("position") int position,
            @JsonProperty("keyword") String keyword,
            @JsonProperty("appearance_ratio") double appearanceRatio,
            @JsonProperty("avg_rank") double avgRank,
            @JsonProperty("appearances") int appearances,
            @JsonProperty("best_rank") int bestRank,
            @JsonProperty("latest_rank") @JsonInclude(JsonInclude.Include.ALWAYS) Integer latestRank) {

        public Item {
            Objects.requireNonNull(keyword, "keyword is null");
        }
    }
}
