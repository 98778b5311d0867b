package io.realtimetrend.crawl;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One wall-clock bound for a whole crawl, retries included ({@code --deadline}): every wait takes what is left
 * of it. Measured on the monotonic clock, so the crawl's injected wall clock (fixed in tests) does not stop it.
 */
public final class Deadline {

    private final Duration limit;
    private final long endNanos;

    private Deadline(Duration limit) {
        this.limit = limit;
        this.endNanos = System.nanoTime() + limit.toNanos();
    }

    /** A deadline {@code limit} from now; {@code limit} must be positive. */
    public static Deadline after(Duration limit) {
        Objects.requireNonNull(limit, "limit is null");
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("deadline must be positive: " + limit);
        }
        return new Deadline(limit);
    }

    /** What is left of it, never negative. */
    public Duration remaining() {
        long left = endNanos - System.nanoTime();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    public boolean expired() {
        return remaining().isZero();
    }

    /** {@code bound} or what is left of the deadline, whichever is shorter. */
    public Duration cap(Duration bound) {
        Duration left = remaining();
        return bound.compareTo(left) < 0 ? bound : left;
    }

    /** The failure of a call that was still waiting when the deadline passed: one line, the whole bound named. */
    public TransientCrawlException exceeded(String what, Throwable cause) {
        return new TransientCrawlException(what + " did not answer within " + seconds(limit) + " s (--deadline "
                + limit + ")", cause);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds()) : String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }
}
