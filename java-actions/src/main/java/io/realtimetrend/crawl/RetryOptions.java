package io.realtimetrend.crawl;

import java.time.Duration;
import picocli.CommandLine.Option;

/** The crawl's bounds on retrying a read, read into {@link Retries}; a mixin of {@link CrawlAction}. */
public final class RetryOptions {

    @Option(names = "--attempts", defaultValue = "3", description = "Tries on transient errors (timeouts, connection refused, HTTP 5xx/429), within --deadline (default: ${DEFAULT-VALUE}).") int attempts;
    @Option(names = "--retry-wait", defaultValue = "PT5S", description = "Wait before the first retry, doubled after each (default: ${DEFAULT-VALUE}).") Duration retryWait;

    @Option(names = "--deadline", defaultValue = "PT3M", description = "Bound on the whole crawl, retries included, "
            + "ISO-8601: a browser or API that does not answer within it fails the action, for Oozie's retry "
            + "(default: ${DEFAULT-VALUE}).")
    Duration deadline;

    Retries retries() {
        return new Retries(attempts, retryWait, deadline);
    }
}
