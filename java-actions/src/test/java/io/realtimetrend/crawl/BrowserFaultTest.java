package io.realtimetrend.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimetrend.testing.FixtureSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults of the site and the browser, injected on 127.0.0.1: each crawl ends within its deadline and leaves no process. */
class BrowserFaultTest {

    /** Time past the deadline the crawl may take to end the browser and fail. */
    private static final Duration SLACK = Duration.ofSeconds(4);

    private FixtureSite site;

    @TempDir
    Path dataRoot;

    @BeforeAll
    static void requireBrowser() {
        Browsers.requireInstalled();
    }

    @BeforeEach
    void startSite() {
        site = new FixtureSite("/io/realtimetrend/crawl/pages");
    }

    @AfterEach
    void stopSite() {
        site.close();
    }

    private List<String> args(String url, String... more) {
        List<String> args = new ArrayList<>(List.of("--data-root", dataRoot.toString(),
                "--nominal-time", "2026-11-26T09:17Z", "--url", url, "--chromium-arg", Browsers.OFFLINE,
                "--retry-wait", "PT0.1S"));
        args.addAll(List.of(more));
        return args;
    }

    /** Runs the crawl in this JVM, watching the processes it starts. */
    private record Watched(CrawlRun run, Duration elapsed, ProcessWatch processes) {
    }

    private static Watched watched(List<String> args) {
        long started = System.nanoTime();
        try (ProcessWatch processes = ProcessWatch.of(ProcessHandle.current())) {
            CrawlRun run = CrawlRun.of(args);
            return new Watched(run, Duration.ofNanos(System.nanoTime() - started), processes);
        }
    }

    private static void assertNoBrowserLeft(ProcessWatch processes) throws InterruptedException {
        assertThat(processes.seen("chromedriver")).as("the crawl started chromedriver").isNotEmpty();
        assertThat(processes.seen("--user-data-dir=")).as("the crawl started Chromium").isNotEmpty();
        assertThat(processes.aliveAfter(Duration.ofSeconds(1))).as("processes of the crawl still alive").isEmpty();
    }

    @Test
    void pageWhoseServerNeverAnswersFailsAtTheDeadlineWithoutRetriesOrProcessesLeft() throws Exception {
        // fault: the server takes the request and never answers; the page-load timeout (PT30S) is longer than the deadline
        Watched crawl = watched(args(site.hangingPage().toString(), "--deadline", "PT8S", "--attempts", "3"));

        io.realtimetrend.testing.FaultTable.record("page whose server never answers (--deadline PT8S)",
                "crawl exit 1 \"did not answer within 8 s\", no chromedriver/Chromium left", crawl.elapsed());
        assertThat(crawl.run().exitCode()).isEqualTo(1);
        assertThat(crawl.run().stderr().lines()).singleElement().asString().isEqualTo("crawl failed: page "
                + site.hangingPage() + " did not answer within 8 s (--deadline PT8S)");
        assertThat(crawl.elapsed()).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(8).plus(SLACK));
        assertThat(site.heldRequests()).as("no retry after the deadline").isEqualTo(1);
        assertNoBrowserLeft(crawl.processes());
        assertThat(dataRoot.resolve("raw")).doesNotExist();
    }

    @Test
    void pageWhoseRankingNeverAppearsFailsAtTheDeadlineNotAfterTheRenderTimeout() throws Exception {
        // fault: the page loads but its data request never answers, so the ranking never renders
        Watched crawl = watched(args(site.page("never-renders").toString(), "--deadline", "PT6S",
                "--render-timeout", "PT60S"));

        io.realtimetrend.testing.FaultTable.record("page whose ranking never renders (--deadline PT6S)",
                "crawl exit 1 at the deadline, no chromedriver/Chromium left", crawl.elapsed());
        assertThat(crawl.run().stderr().lines()).singleElement().asString().isEqualTo("crawl failed: page "
                + site.page("never-renders") + " did not answer within 6 s (--deadline PT6S)");
        assertThat(crawl.elapsed()).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(6).plus(SLACK));
        assertNoBrowserLeft(crawl.processes());
    }

    @Test
    void crawlStoppedWithSigtermMidPageLoadLeavesNoChromedriverNorChromium(@TempDir Path tmp) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Djava.io.tmpdir=" + tmp, CrawlAction.class.getName()));
        // the child runs on the wall clock: the lifted max-lag lets it crawl the tests' slot of 2026
        command.addAll(args(site.hangingPage().toString(), "--deadline", "PT2M", "--max-lag", "P3650D"));
        Path log = tmp.resolve("crawl.log");
        Process crawl = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (ProcessWatch processes = ProcessWatch.of(crawl.toHandle())) {
            // fault: SIGTERM while Chromium waits for the page (the server holds the request)
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (site.heldRequests() == 0 && System.nanoTime() < waitUntil) {
                Thread.sleep(50);
            }
            assertThat(site.heldRequests()).as("the page load started; the crawl's output: %s", Files.readString(log))
                    .isEqualTo(1);
            long stopped = System.nanoTime();
            crawl.destroy();

            assertThat(crawl.waitFor(20, TimeUnit.SECONDS)).as("the crawl ended after SIGTERM").isTrue();
            io.realtimetrend.testing.FaultTable.record("crawl sent SIGTERM mid-page-load",
                    "JVM ended, no chromedriver/Chromium left, profile deleted", Duration.ofNanos(System.nanoTime() - stopped));
            assertNoBrowserLeft(processes);
            try (Stream<Path> left = Files.list(tmp)) {
                assertThat(left.map(Path::getFileName).map(Path::toString)).as("profile deleted; output: %s",
                                Files.readString(log))
                        .noneMatch(name -> name.startsWith("realtime-trend-chromium-"));
            }
        } finally {
            crawl.destroyForcibly();
        }
    }

    @Test
    void pageAnswering503IsRetriedAndTheNextGoodPageIsCrawled() throws Exception {
        // fault: the site is briefly overloaded
        site.pageStatuses("hard-keywords", 503, 200);

        Watched crawl = watched(args(site.page("hard-keywords").toString(), "--attempts", "2"));

        assertThat(crawl.run().exitCode()).as(crawl.run().stderr()).isZero();
        assertThat(site.pageRequests("hard-keywords")).isEqualTo(2);
        assertThat(Files.readAllLines(dataRoot.resolve("raw/dt=2026-11-26/hr=18/202611261810.csv"))).hasSize(11);
        assertNoBrowserLeft(crawl.processes());
    }

    @Test
    void pageAnswering503EveryTimeFailsWithTheStatusAfterTheRetries() throws Exception {
        // fault: the site stays overloaded
        site.pageStatuses("hard-keywords", 503);

        Watched crawl = watched(args(site.page("hard-keywords").toString(), "--attempts", "2"));

        assertThat(crawl.run().exitCode()).isEqualTo(1);
        assertThat(crawl.run().stderr().lines()).singleElement().asString()
                .isEqualTo("crawl failed: page " + site.page("hard-keywords") + " answered HTTP 503");
        assertThat(site.pageRequests("hard-keywords")).isEqualTo(2);
        assertThat(dataRoot.resolve("raw")).doesNotExist();
        assertNoBrowserLeft(crawl.processes());
    }

    @Test
    void pageAnswering404FailsAtOnceWithTheStatus() {
        // fault: the page moved
        site.pageStatuses("hard-keywords", 404);

        CrawlRun run = CrawlRun.of(args(site.page("hard-keywords").toString(), "--attempts", "3"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr().lines()).singleElement().asString()
                .isEqualTo("crawl failed: page " + site.page("hard-keywords") + " answered HTTP 404");
        assertThat(site.pageRequests("hard-keywords")).as("not retried").isEqualTo(1);
    }

    @Test
    void sandboxSwitchedOffOnPurposeStillCrawls() {
        CrawlRun run = CrawlRun.of(args(site.page("hard-keywords").toString(), "--chromium-sandbox=false"));

        assertThat(run.exitCode()).as(run.stderr()).isZero();
    }
}
