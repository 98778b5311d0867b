package io.realtimetrend.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimetrend.testing.FixtureSite;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The crawl action driving real headless Chromium over recorded pages that render their ranking with JavaScript. */
class BrowserCrawlTest {

    private static FixtureSite site;

    @TempDir
    Path dataRoot;

    @BeforeAll
    static void startSite() {
        Browsers.requireInstalled();
        site = new FixtureSite("/io/realtimetrend/crawl/pages");
    }

    @AfterAll
    static void stopSite() {
        site.close();
    }

    private List<String> args(String page, String... more) {
        List<String> args = new ArrayList<>(List.of("--data-root", dataRoot.toString(),
                "--nominal-time", "2026-11-26T09:17Z", "--url", site.page(page).toString(),
                "--chromium-arg", Browsers.OFFLINE, "--render-timeout", "PT3S", "--attempts", "1"));
        args.addAll(List.of(more));
        return args;
    }

    private Path snapshot() {
        return dataRoot.resolve("raw/dt=2026-11-26/hr=18/202611261810.csv");
    }

    @Test
    void hardKeywordsSurviveTheRoundTripThroughTheCsvAndLongOnesAreCutTo100() throws IOException {
        CrawlRun run = CrawlRun.of(args("hard-keywords"));

        assertThat(run.stderr()).isEmpty();
        assertThat(run.exitCode()).isZero();
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(snapshot(), StandardCharsets.UTF_8)) {
            rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(in).getRecords();
        }
        assertThat(rows).extracting(r -> r.get("keyword")).containsExactly(
                "손흥민", "삼성전자, 주가", "\"따옴표\" 검색어", "Tom & Jerry <극장판>", "이모지 🎉 축제",
                "앞뒤 공백 키워드", "아주 긴 검색어 " + "가나다라마바사 ".repeat(11) + "가나다", "날씨", "a,b,\"c\"",
                "한국어 검색어");
        assertThat(rows).extracting(r -> r.get("state"))
                .containsExactly("up", "down", "same", "new", "", "up", "down", "same", "new", "up");
        assertThat(rows).extracting(r -> r.get("rank"))
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
        assertThat(rows).extracting(r -> r.get("snapshot_time")).containsOnly("2026-11-26 18:10:00");
        assertThat(rows.get(0).get("crawled_at")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(Files.readString(snapshot())).startsWith("snapshot_time,crawled_at,rank,keyword,state\r\n");
    }

    @Test
    void remoteWebDriverReadsThePageThroughAWebDriverEndpoint() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        // chromedriver speaks the same W3C WebDriver protocol as a Selenium Grid / standalone-chrome
        Process endpoint = new ProcessBuilder(Browsers.CHROMEDRIVER.toString(), "--port=" + port)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            awaitListening(endpoint, port);
            // this endpoint's browser runs as root (as the tests do), which Chromium's sandbox refuses
            CrawlRun run = CrawlRun.of(args("hard-keywords", "--selenium-url", "http://127.0.0.1:" + port,
                    "--chromium-sandbox=false"));

            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(Files.readAllLines(snapshot())).hasSize(11);
        } finally {
            endpoint.destroy();
        }
    }

    /** Waits, bounded, until {@code process} accepts connections on 127.0.0.1:{@code port}. */
    private static void awaitListening(Process process, int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                assertThat(process.isAlive()).as("chromedriver running").isTrue();
                assertThat(System.nanoTime()).as("chromedriver listening on port " + port).isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    @Test
    void rerunAgainstAChangedPageKeepsTheSnapshotByteForByteWithoutStartingTheBrowser() throws IOException {
        assertThat(CrawlRun.of(args("hard-keywords")).exitCode()).isZero();
        byte[] first = Files.readAllBytes(snapshot());

        // a driver that does not exist: the rerun fails if it starts the browser at all
        CrawlRun rerun = CrawlRun.of(args("changed-ranking", "--chromedriver", "/nonexistent/chromedriver"));

        assertThat(rerun.exitCode()).as(rerun.stderr()).isZero();
        assertThat(Files.readAllBytes(snapshot())).isEqualTo(first);
        assertThat(rerun.output()).containsEntry("kept", "true").containsEntry("rows", "10")
                .containsEntry("slot", "2026-11-26 18:10:00").containsEntry("dt", "2026-11-26").containsEntry("hr", "18");
        assertThat(rerun.stdout()).contains(" kept: slot 2026-11-26 18:10:00 already has a snapshot (10 rows)");
        try (Stream<Path> files = Files.list(snapshot().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("202611261810.csv");
        }
    }

    @Test
    void recrawlReplacesTheSnapshotWithTheChangedPage() throws IOException {
        assertThat(CrawlRun.of(args("hard-keywords")).exitCode()).isZero();
        byte[] first = Files.readAllBytes(snapshot());

        CrawlRun recrawl = CrawlRun.of(args("changed-ranking", "--recrawl"));

        assertThat(recrawl.exitCode()).as(recrawl.stderr()).isZero();
        assertThat(Files.readAllBytes(snapshot())).isNotEqualTo(first);
        assertThat(Files.readAllLines(snapshot(), StandardCharsets.UTF_8).get(1)).contains(",1,대설 특보,up");
        assertThat(recrawl.output()).containsEntry("kept", "false").containsEntry("rows", "10");
        try (Stream<Path> files = Files.list(snapshot().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("202611261810.csv");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "layout-changed | ranking not rendered within 3 s: nothing matches keyword selector 'span.rank-text'",
        "seven-entries | ranking has 7 entries, fewer than minRanks=10",
        "duplicate-ranks | duplicate rank 4 (row 5)",
        "empty-keyword | empty keyword at rank 3",
        "never-renders | ranking not rendered within 3 s",
    })
    void badPageFailsWithOneClearLineAndWritesNothing(String page, String message) {
        CrawlRun run = CrawlRun.of(args(page));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr().lines()).singleElement().asString().startsWith("crawl failed: " + message);
        assertThat(dataRoot.resolve("raw")).satisfiesAnyOf(
                raw -> assertThat(raw).doesNotExist(),
                raw -> assertThat(Files.walk(raw).filter(Files::isRegularFile)).isEmpty());
    }

    @Test
    void unreachableSiteIsRetriedThenFailsWithoutAFile() throws IOException {
        String closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = "http://127.0.0.1:" + socket.getLocalPort() + "/";
        }
        CrawlRun run = CrawlRun.of(List.of("--data-root", dataRoot.toString(), "--nominal-time", "2026-11-26T09:17Z",
                "--url", closedPort, "--chromium-arg", Browsers.OFFLINE,
                "--attempts", "2", "--retry-wait", "PT0.1S"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).startsWith("crawl failed: page " + closedPort + " could not be loaded")
                .contains("ERR_CONNECTION_REFUSED");
        assertThat(dataRoot.resolve("raw")).doesNotExist();
    }
}
