package io.realtimetrend.crawl;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link Crawler} retries a read that fails transiently (timeouts, connection refused, HTTP 5xx/429).
 *
 * @param attempts  tries of the read
 * @param firstWait wait before the first retry, doubled after each
 * @param deadline  bound on the whole read, retries and their waits included
 */
public record Retries(int attempts, Duration firstWait, Duration deadline) {

    public Retries {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be positive: " + attempts);
        }
        Objects.requireNonNull(firstWait, "firstWait is null");
        Objects.requireNonNull(deadline, "deadline is null");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive: " + deadline);
        }
    }
}
