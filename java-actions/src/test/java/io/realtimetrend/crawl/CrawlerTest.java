package io.realtimetrend.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.realtimetrend.contract.Slot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crawl's rules, with a ranking source of the test's own (what it reads is counted) and the real snapshot writer
 * on the local filesystem: a slot's snapshot is written once, within max-lag; a late slot is skipped without a read;
 * a transient failure is read again; nothing is written unless the ranking is valid.
 */
class CrawlerTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Seoul");
    private static final Instant SLOT_START = Instant.parse("2026-11-26T09:10:00Z");
    private static final Duration MAX_LAG = Duration.ofMinutes(20);

    @TempDir
    java.nio.file.Path dir;

    /** Answers each read with the next of its answers: a ranking, or a failure to throw. */
    private static final class FakeSource implements RankingSource {
        private final Deque<Object> answers = new ArrayDeque<>();
        private int reads;

        FakeSource answering(Object... answers) {
            this.answers.addAll(List.of(answers));
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<RawEntry> read(Deadline deadline) throws InvalidRankingException, TransientCrawlException {
            reads++;
            Object answer = answers.isEmpty() ? ranking("kw") : answers.poll();
            if (answer instanceof TransientCrawlException e) {
                throw e;
            }
            return (List<RawEntry>) answer;
        }
    }

    private static List<RawEntry> ranking(String prefix) {
        return IntStream.rangeClosed(1, 10).mapToObj(i -> new RawEntry(String.valueOf(i), prefix + i, "")).toList();
    }

    private Crawler crawler(FakeSource source, Instant now) {
        return new Crawler(source, new RankingValidator(10), new SnapshotWriter(new Configuration()),
                Clock.fixed(now, ZoneOffset.UTC), MAX_LAG, new Retries(3, Duration.ofMillis(10), Duration.ofSeconds(5)));
    }

    private Path target() {
        return new Path(dir.resolve("202611261810.csv").toUri());
    }

    private String written() throws Exception {
        return Files.readString(dir.resolve("202611261810.csv"), StandardCharsets.UTF_8);
    }

    private static Slot slot() {
        return Slot.of(SLOT_START, ZONE);
    }

    @Test
    void aSlotsSnapshotIsWrittenOnceAndKeptByTheNextCrawlWithoutARead() throws Exception {
        FakeSource source = new FakeSource().answering(ranking("first"), ranking("second"));
        Instant now = SLOT_START.plusSeconds(30);

        Crawler.Result first = crawler(source, now).crawl(slot(), target(), ZONE, false);
        String snapshot = written();
        Crawler.Result again = crawler(source, now.plusSeconds(60)).crawl(slot(), target(), ZONE, false);

        assertThat(first.outcome()).isEqualTo(Crawler.Outcome.WRITTEN);
        assertThat(first.rows()).isEqualTo(10);
        assertThat(snapshot).contains(",1,first1,").contains(",10,first10,");
        assertThat(again.outcome()).isEqualTo(Crawler.Outcome.KEPT);
        assertThat(again.rows()).isEqualTo(10);
        assertThat(source.reads).isEqualTo(1);
        assertThat(written()).isEqualTo(snapshot);
    }

    @Test
    void aRecrawlWithinMaxLagReplacesTheSnapshot() throws Exception {
        FakeSource source = new FakeSource().answering(ranking("first"), ranking("second"));
        crawler(source, SLOT_START.plusSeconds(30)).crawl(slot(), target(), ZONE, false);

        Crawler.Result recrawl = crawler(source, SLOT_START.plus(MAX_LAG)).crawl(slot(), target(), ZONE, true);

        assertThat(recrawl.outcome()).isEqualTo(Crawler.Outcome.WRITTEN);
        assertThat(written()).contains(",1,second1,").doesNotContain("first");
        assertThat(source.reads).isEqualTo(2);
    }

    @Test
    void pastMaxLagASlotWithoutSnapshotIsSkippedAndOneWithASnapshotKeepsItEvenOnRecrawlWithoutARead() throws Exception {
        FakeSource source = new FakeSource();
        Instant late = SLOT_START.plus(MAX_LAG).plusSeconds(1);

        Crawler.Result skipped = crawler(source, late).crawl(slot(), target(), ZONE, false);

        assertThat(skipped.outcome()).isEqualTo(Crawler.Outcome.SKIPPED);
        assertThat(skipped.rows()).isZero();
        assertThat(skipped.lag()).isEqualTo(MAX_LAG.plusSeconds(1));
        assertThat(dir.resolve("202611261810.csv")).doesNotExist();
        assertThat(source.reads).isZero();

        crawler(source, SLOT_START).crawl(slot(), target(), ZONE, false);
        String snapshot = written();
        Crawler.Result kept = crawler(source, late).crawl(slot(), target(), ZONE, true);

        assertThat(kept.outcome()).isEqualTo(Crawler.Outcome.KEPT);
        assertThat(written()).isEqualTo(snapshot);
        assertThat(source.reads).isEqualTo(1);
    }

    @Test
    void aSlotStartingMoreThanAMinuteAheadOfTheClockIsRefusedWithoutARead() {
        FakeSource source = new FakeSource();
        Instant early = SLOT_START.minus(Crawler.EARLY).minusSeconds(1);

        assertThatThrownBy(() -> crawler(source, early).crawl(slot(), target(), ZONE, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("its ranking is not on the page yet");
        assertThat(source.reads).isZero();
        assertThat(dir.resolve("202611261810.csv")).doesNotExist();
    }

    @Test
    void aTransientFailureIsReadAgain() throws Exception {
        FakeSource flaky = new FakeSource().answering(new TransientCrawlException("page timed out", null), ranking("kw"));

        Crawler.Result result = crawler(flaky, SLOT_START).crawl(slot(), target(), ZONE, false);

        assertThat(result.outcome()).isEqualTo(Crawler.Outcome.WRITTEN);
        assertThat(flaky.reads).isEqualTo(2);
        assertThat(written()).contains(",10,kw10,");
    }

    @Test
    void aPartialRankingWritesNothingAndIsNotReadAgain() {
        FakeSource partial = new FakeSource().answering(ranking("kw").subList(0, 7));

        assertThatThrownBy(() -> crawler(partial, SLOT_START).crawl(slot(), target(), ZONE, false))
                .isInstanceOf(InvalidRankingException.class);
        assertThat(partial.reads).isEqualTo(1);
        assertThat(dir).isEmptyDirectory();
    }
}
