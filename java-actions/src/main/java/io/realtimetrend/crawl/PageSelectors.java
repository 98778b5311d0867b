package io.realtimetrend.crawl;

import java.util.Objects;

/**
 * CSS selectors of the ranking on signal.bz. Configuration, so a site change is fixed without a rebuild.
 * A row is the keyword element's parent; rank and state are looked up inside it.
 *
 * @param keyword the keyword elements, in page order ({@code span.rank-text})
 * @param rank    the rank element inside a row ({@code span.rank-num})
 * @param state   the up/down/same/new indicator inside a row; its classes and text are read
 */
public record PageSelectors(String keyword, String rank, String state) {

    public PageSelectors {
        Objects.requireNonNull(keyword, "keyword is null");
        Objects.requireNonNull(rank, "rank is null");
        Objects.requireNonNull(state, "state is null");
    }
}
