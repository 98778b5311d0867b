package io.realtimetrend.crawl;

/**
 * One ranking row exactly as a source read it, before validation.
 *
 * @param rank      the rank text ({@code "1"})
 * @param keyword   the keyword text, untrimmed
 * @param indicator what the page shows beside the keyword (CSS classes and text, or the API's state), may be empty
 */
public record RawEntry(String rank, String keyword, String indicator) {

    public RawEntry {
        rank = rank == null ? "" : rank;
        keyword = keyword == null ? "" : keyword;
        indicator = indicator == null ? "" : indicator;
    }
}
