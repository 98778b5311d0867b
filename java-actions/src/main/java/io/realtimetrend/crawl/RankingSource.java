package io.realtimetrend.crawl;

import java.util.List;

/** Reads the current realtime ranking from signal.bz, in page order. */
public interface RankingSource {

    /**
     * @throws InvalidRankingException   when what was read is not a ranking (never retried)
     * @throws TransientCrawlException   when the site could not be read this time (retried)
     */
    List<RawEntry> read() throws InvalidRankingException, TransientCrawlException;
}
