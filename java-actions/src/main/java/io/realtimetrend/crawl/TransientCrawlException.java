package io.realtimetrend.crawl;

/** A failure that may pass on its own (timeout, connection refused, HTTP 5xx): retried a bounded number of times. */
public final class TransientCrawlException extends Exception {

    private static final long serialVersionUID = 1L;

    public TransientCrawlException(String message, Throwable cause) {
        super(message, cause);
    }
}
