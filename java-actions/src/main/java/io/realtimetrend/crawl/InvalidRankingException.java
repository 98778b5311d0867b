package io.realtimetrend.crawl;

/** The page or payload does not hold a valid ranking (layout changed, too few ranks, ...). Never retried. */
public final class InvalidRankingException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidRankingException(String message) {
        super(message);
    }
}
