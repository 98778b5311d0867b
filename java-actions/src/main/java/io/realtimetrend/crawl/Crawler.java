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
import org.apache.hadoop.fs.Path;

/**
 * The crawl stage's core: reads the ranking (retrying transient failures a bounded number of times),
 * validates it and writes the slot's snapshot. Nothing is written unless the ranking is valid.
 */
public final class Crawler {

    /** What a crawl produced, for capture-output and the command line. */
    public record Result(Path path, int rows, long crawlMillis) {
    }

    private final RankingSource source;
    private final RankingValidator validator;
    private final SnapshotWriter writer;
    private final Clock clock;
    private final Retry retry;

    public Crawler(RankingSource source, RankingValidator validator, SnapshotWriter writer, Clock clock,
                   int attempts, Duration retryWait) {
        this.source = Objects.requireNonNull(source, "source is null");
        this.validator = Objects.requireNonNull(validator, "validator is null");
        this.writer = Objects.requireNonNull(writer, "writer is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.retry = Retry.of("crawl", RetryConfig.custom()
                .maxAttempts(attempts)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(retryWait, 2.0))
                .retryExceptions(TransientCrawlException.class)
                .build());
    }

    /** Crawls once for {@code slot} and writes the snapshot to {@code target}. */
    public Result crawl(Slot slot, Path target, ZoneId zone)
            throws InvalidRankingException, TransientCrawlException, IOException {
        long started = System.nanoTime();
        List<RankedKeyword> ranking = validator.validate(readWithRetry());
        ZonedDateTime crawledAt = ZonedDateTime.now(clock.withZone(zone)).truncatedTo(ChronoUnit.SECONDS);
        writer.write(new Snapshot(slot, crawledAt, ranking), target);
        return new Result(target, ranking.size(), Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private List<RawEntry> readWithRetry() throws InvalidRankingException, TransientCrawlException {
        try {
            return retry.executeCallable(source::read);
        } catch (InvalidRankingException | TransientCrawlException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
