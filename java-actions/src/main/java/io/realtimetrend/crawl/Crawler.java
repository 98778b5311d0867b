package io.realtimetrend.crawl;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.realtimetrend.contract.Slot;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.apache.hadoop.fs.Path;

/**
 * The crawl stage's core: a slot's snapshot is written once, from a page read while the slot is current.
 * A slot that has a snapshot keeps it (unless a recrawl is asked for); a slot more than {@code maxLag} in the
 * past is skipped, since today's page does not show its ranking; a slot more than {@link #EARLY} in the future is
 * refused, since the page does not show its ranking yet. Otherwise it reads the ranking (retrying
 * transient failures a bounded number of times, all within one deadline), validates it and writes the snapshot;
 * nothing is written unless the ranking is valid.
 */
public final class Crawler {

    /** What a crawl did with the slot. */
    public enum Outcome {
        /** Read the page and wrote the snapshot. */
        WRITTEN,
        /** The slot already had a snapshot: left as it was. */
        KEPT,
        /** The slot had no snapshot and is too far in the past to take one: nothing written. */
        SKIPPED
    }

    /**
     * What a crawl produced, for capture-output and the command line.
     *
     * @param path  the slot's snapshot (for {@link Outcome#SKIPPED}: where it would have been written)
     * @param rows  data rows of the snapshot (0 when skipped)
     * @param lag   how long after the slot's start the crawl ran
     */
    public record Result(Outcome outcome, Path path, long rows, Duration lag, long crawlMillis) {

        public Result {
            Objects.requireNonNull(outcome, "outcome is null");
            Objects.requireNonNull(path, "path is null");
            Objects.requireNonNull(lag, "lag is null");
        }
    }

    /** How far ahead of its slot's start a crawl may run (clocks a little apart); further is refused. */
    public static final Duration EARLY = Duration.ofMinutes(1);

    private final RankingSource source;
    private final RankingValidator validator;
    private final SnapshotWriter writer;
    private final Clock clock;
    private final Duration maxLag;
    private final Retries retries;
    private final IntervalFunction backoff;

    /** {@code maxLag}: the latest a slot without a snapshot is crawled after its start. */
    public Crawler(RankingSource source, RankingValidator validator, SnapshotWriter writer, Clock clock,
                   Duration maxLag, Retries retries) {
        this.source = Objects.requireNonNull(source, "source is null");
        this.validator = Objects.requireNonNull(validator, "validator is null");
        this.writer = Objects.requireNonNull(writer, "writer is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.maxLag = Objects.requireNonNull(maxLag, "maxLag is null");
        if (maxLag.isNegative() || maxLag.isZero()) {
            throw new IllegalArgumentException("max-lag must be positive: " + maxLag);
        }
        this.retries = Objects.requireNonNull(retries, "retries is null");
        this.backoff = IntervalFunction.ofExponentialBackoff(retries.firstWait(), 2.0);
    }

    /**
     * Takes {@code slot}'s snapshot at {@code target} once. With {@code recrawl} an existing snapshot is replaced,
     * but only within max-lag: later, the page no longer shows the slot's ranking, so the snapshot is kept.
     * The checks come before the source is read, so a kept or skipped slot never starts a browser.
     */
    public Result crawl(Slot slot, Path target, ZoneId zone, boolean recrawl)
            throws InvalidRankingException, TransientCrawlException, IOException {
        long started = System.nanoTime();
        Deadline bound = Deadline.after(retries.deadline());
        Duration lag = Duration.between(slot.start().toInstant(), clock.instant());
        if (lag.compareTo(EARLY.negated()) < 0) {
            throw new IllegalArgumentException("slot " + slot.text() + " starts " + lag.negated().truncatedTo(ChronoUnit.SECONDS)
                    + " after the clock (" + clock.instant().truncatedTo(ChronoUnit.SECONDS) + "): its ranking is not on "
                    + "the page yet; check --nominal-time and the machine's clock");
        }
        boolean late = lag.compareTo(maxLag) > 0;
        OptionalLong existing = writer.rowsOf(target);
        if (existing.isPresent() && (!recrawl || late)) {
            return new Result(Outcome.KEPT, target, existing.getAsLong(), lag, millisSince(started));
        }
        if (late) {
            return new Result(Outcome.SKIPPED, target, 0, lag, millisSince(started));
        }
        List<RankedKeyword> ranking = validator.validate(readWithRetry(bound));
        ZonedDateTime crawledAt = ZonedDateTime.now(clock.withZone(zone)).truncatedTo(ChronoUnit.SECONDS);
        writer.write(new Snapshot(slot, crawledAt, ranking), target);
        return new Result(Outcome.WRITTEN, target, ranking.size(), lag, millisSince(started));
    }

    /**
     * Reads with retries of transient failures, as long as the wait before the next try ends within the deadline;
     * otherwise the last failure stands (a deadline-exceeded one when the deadline itself ran out).
     */
    private List<RawEntry> readWithRetry(Deadline bound) throws InvalidRankingException, TransientCrawlException {
        int[] failures = {0};
        Retry retry = Retry.of("crawl", RetryConfig.custom()
                .maxAttempts(retries.attempts())
                .intervalFunction(backoff)
                // called once per failure, before the wait backoff.apply(failures) that would follow it
                .retryOnException(e -> e instanceof TransientCrawlException
                        && Duration.ofMillis(backoff.apply(++failures[0])).compareTo(bound.remaining()) < 0)
                .build());
        try {
            return retry.executeCallable(() -> source.read(bound));
        } catch (InvalidRankingException | TransientCrawlException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long millisSince(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }
}
