package io.realtimetrend.crawl;

import io.realtimetrend.action.ActionOutput;
import io.realtimetrend.contract.CommandLines;
import io.realtimetrend.contract.DataLayout;
import io.realtimetrend.contract.Slot;
import io.realtimetrend.contract.SnapshotColumns;
import io.realtimetrend.contract.StageOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The crawl action (Oozie java action and {@code bin/realtime-trend crawl}): reads signal.bz's realtime ranking
 * for one slot and writes its snapshot CSV, once (see {@link Crawler}). Prints the snapshot's path, and says so
 * when the slot's snapshot was kept or the slot skipped.
 */
@Command(name = "crawl", mixinStandardHelpOptions = true,
        description = "Reads signal.bz's realtime ranking and writes the slot's snapshot CSV (docs/contract.md section 1).")
public final class CrawlAction implements Callable<Integer> {

    /** Where the ranking is read from. */
    public enum SourceKind { browser, api }

    @Mixin StageOptions stage;
    @Mixin BrowserOptions browser;
    @Mixin SelectorOptions selectors;
    @Mixin RetryOptions retries;

    @Option(names = "--source", defaultValue = "browser", description = "browser (Selenium) or api (JSON endpoint) (default: ${DEFAULT-VALUE}).") SourceKind source;
    @Option(names = "--url", defaultValue = "https://signal.bz/", description = "Page the browser reads (default: ${DEFAULT-VALUE}).") URI url;
    @Option(names = "--api-url", defaultValue = "https://api.signal.bz/news/realtime", description = "JSON endpoint for --source api (default: ${DEFAULT-VALUE}).") URI apiUrl;
    @Option(names = "--min-ranks", defaultValue = "" + SnapshotColumns.MIN_RANKS, description = "Fewest ranks a valid page holds (default: ${DEFAULT-VALUE}).") int minRanks;

    @Option(names = "--max-lag", defaultValue = "PT20M", description = "Latest a slot without a snapshot is crawled, "
            + "after its start, ISO-8601; later it is skipped, as today's page does not show its ranking. P3650D "
            + "effectively lifts it (recorded pages that stand for their slots) (default: ${DEFAULT-VALUE}).")
    Duration maxLag;

    // arity 0..1: a bare --recrawl means true, and the Oozie workflow can always pass --recrawl=${crawlRecrawl}
    @Option(names = "--recrawl", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            description = "Replace the slot's existing snapshot (within --max-lag); without it an existing snapshot is kept (default: ${DEFAULT-VALUE}).")
    boolean recrawl;

    private final Clock clock;

    /** The action on the system clock. */
    public CrawlAction() {
        this(Clock.systemUTC());
    }

    /** The action on {@code clock}: the wall clock that --max-lag and {@code crawled_at} are measured on. */
    CrawlAction(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    public static void main(String[] args) {
        CommandLines.main(new CrawlAction(), args);
    }

    @Override
    public Integer call() throws Exception {
        Slot slot = stage.slot(clock);
        DataLayout layout = stage.layout();
        Crawler crawler = new Crawler(rankingSource(), new RankingValidator(minRanks),
                new SnapshotWriter(new Configuration()), clock, maxLag, retries.retries());

        Crawler.Result result = crawler.crawl(slot, new org.apache.hadoop.fs.Path(layout.snapshotFile(slot)), stage.zone(),
                recrawl);

        new ActionOutput().put("path", result.path()).put("rows", result.rows())
                .put("crawl_ms", result.crawlMillis()).put("slot", slot.text())
                .put("dt", slot.dt()).put("hr", slot.hr())
                .put("kept", result.outcome() == Crawler.Outcome.KEPT)
                .put("skipped", result.outcome() == Crawler.Outcome.SKIPPED).publish();
        System.out.println(report(slot, result));
        return 0;
    }

    /** One line: the snapshot's path, and for a kept or skipped slot what happened and why. */
    private String report(Slot slot, Crawler.Result result) {
        String path = DataLayout.display(result.path().toString());
        return switch (result.outcome()) {
            case WRITTEN -> path;
            case KEPT -> path + " kept: slot " + slot.text() + " already has a snapshot (" + result.rows() + " rows)"
                    + (recrawl ? "; --recrawl refused, " + lagText(result.lag()) + " after the slot is past --max-lag "
                    + maxLag : "; --recrawl replaces it");
            case SKIPPED -> "skipped slot " + slot.text() + ": " + lagText(result.lag()) + " after its start, past --max-lag "
                    + maxLag + ", and it has no snapshot; nothing written to " + path;
        };
    }

    private static String lagText(Duration lag) {
        return lag.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private RankingSource rankingSource() {
        if (source == SourceKind.api) {
            return new JsonApiRankingSource(apiUrl, browser.pageLoadTimeout());
        }
        return new BrowserRankingSource(url, browser.settings(), selectors.selectors());
    }
}
