package io.realtimetrend.crawl;

import java.util.List;

/** Reads the current realtime ranking from signal.bz, in page order. */
public interface RankingSource {

    /**
     * Reads it, waiting no longer than what is left of {@code deadline}.
     *
     * @throws InvalidRankingException   when what was read is not a ranking (never retried)
     * @throws TransientCrawlException   when the site could not be read this time (retried while the deadline allows)
     */
    List<RawEntry> read(Deadline deadline) throws InvalidRankingException, TransientCrawlException;
}
