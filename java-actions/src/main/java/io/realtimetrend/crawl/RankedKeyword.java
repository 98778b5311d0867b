package io.realtimetrend.crawl;

import java.util.Objects;

/** One validated row of a snapshot: a rank, its normalized keyword and its movement. */
public record RankedKeyword(int rank, String keyword, KeywordState state) {

    public RankedKeyword {
        Objects.requireNonNull(keyword, "keyword is null");
        Objects.requireNonNull(state, "state is null");
        if (rank < 1) {
            throw new IllegalArgumentException("rank must be positive: " + rank);
        }
    }
}
