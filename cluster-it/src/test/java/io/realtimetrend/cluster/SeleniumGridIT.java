package io.realtimetrend.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.realtimetrend.testing.FaultTable;
import io.realtimetrend.testing.Figures;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code bin/realtime-trend crawl --selenium-url} against a real Selenium Grid standalone server on 127.0.0.1
 * ({@link SeleniumGrid}), as the shipped {@code seleniumUrl} points the crawl at a cluster's Grid: the crawl drives
 * the Grid's Chromium over a recorded page of signal.bz; and the Grid's faults, injected for real (a page that never
 * answers, the Grid frozen with SIGSTOP, the Grid killed), each fail the crawl within its {@code --deadline} with one
 * clear line, and leave no session open on the Grid, by its own status endpoint. The Grid is killed last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeleniumGridIT {

    private static final Path ROOT = Path.of(System.getProperty("realtime.trend.root", "..")).toAbsolutePath().normalize();
    private static final String FAULT_DEADLINE = "PT10S";
    /** Time past the deadline the crawl may take to quit the browser, fail and let its JVM end. */
    private static final Duration SLACK = Duration.ofSeconds(8);
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

    private static Path work;
    private static SeleniumGrid grid;
    private static HttpServer site;
    private static final CountDownLatch STOPPING = new CountDownLatch(1);

    @BeforeAll
    static void startGridAndSite() throws Exception {
        work = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "selenium-grid-it-").toAbsolutePath();
        grid = SeleniumGrid.start(ROOT, work.resolve("grid"));
        byte[] page;
        try (InputStream in = SeleniumGridIT.class.getResourceAsStream("/io/realtimetrend/local/demo/slot-1.html")) {
            page = in.readAllBytes();
        }
        site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/ranking.html", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        site.createContext("/hang/ranking.html", exchange -> {
            try {
                STOPPING.await(); // takes the request and never answers
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        site.setExecutor(Executors.newCachedThreadPool());
        site.start();
    }

    @AfterAll
    static void stopGridAndSite() throws Exception {
        STOPPING.countDown();
        if (site != null) {
            site.stop(0);
        }
        if (grid != null) {
            grid.close();
        }
    }

    @Test
    @Order(1)
    void theCrawlFromTheCommandLineDrivesTheGridsBrowserAndQuitsItsSession() throws Exception {
        Path data = work.resolve("data-read");
        Crawl crawl = crawl(data, page("/ranking.html"), "--deadline", "PT1M");

        assertThat(crawl.exitCode()).as(crawl.stderr()).isZero();
        assertThat(crawl.stdout().strip()).isEqualTo(data.resolve("raw/dt=2026-11-26/hr=18/202611261810.csv").toString());
        List<String> snapshot = Files.readAllLines(data.resolve("raw/dt=2026-11-26/hr=18/202611261810.csv"),
                StandardCharsets.UTF_8);
        assertThat(snapshot.subList(1, snapshot.size())).extracting(line -> line.substring(line.indexOf(',', 20) + 1))
                .containsExactly("1,날씨,same", "2,손흥민,same", "3,삼성전자,same", "4,로또 당첨번호,same", "5,환율,same",
                        "6,비트코인,same", "7,수능 등급컷,same", "8,김장 김치,same", "9,코스피,same", "10,BTS 진,same");
        // the browser was the Grid's: its node created the session and the crawl quit it
        String log = gridLog();
        assertThat(log).contains("Session created by the Node").contains("reason: QUIT_COMMAND");
        assertThat(grid.openSessions()).isZero();
        Figures.report("cluster-it", String.format("crawl through a Selenium Grid (bin/realtime-trend crawl "
                + "--selenium-url): %.1f s", crawl.elapsed().toMillis() / 1000.0));
    }

    @Test
    @Order(2)
    void aPageThatNeverAnswersFailsAtTheDeadlineAndTheGridsSessionIsQuit() throws Exception {
        Crawl crawl = crawl(work.resolve("data-hang"), page("/hang/ranking.html"), "--deadline", FAULT_DEADLINE);

        assertOneLineWithin(crawl, "crawl failed: page " + page("/hang/ranking.html") + " did not answer within 10 s (--deadline "
                + FAULT_DEADLINE + ")");
        assertThat(grid.openSessions()).as(gridLog()).isZero();
        FaultTable.record("page never answers, browser on a Selenium Grid (--deadline PT10S)",
                "crawl exit 1 \"page … did not answer within 10 s\", no session left on the Grid", crawl.elapsed());
    }

    @Test
    @Order(3)
    void aGridThatTakesTheConnectionAndNeverAnswersFailsTheCrawlAtItsDeadline() throws Exception {
        grid.suspend();
        Crawl crawl;
        try {
            crawl = crawl(work.resolve("data-frozen"), page("/ranking.html"), "--deadline", FAULT_DEADLINE);
        } finally {
            grid.resume();
        }

        assertOneLineWithin(crawl, "crawl failed: Selenium Grid " + grid.url() + " did not answer within 10 s (--deadline "
                + FAULT_DEADLINE + ")");
        assertThat(work.resolve("data-frozen/raw")).doesNotExist();
        // running again, the Grid reads the request the crawl gave up on: it must not start a browser for it
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < until) {
            assertThat(grid.openSessions()).as(gridLog()).isZero();
            Thread.sleep(500);
        }
        assertThat(grid.queuedRequests()).isZero();
        FaultTable.record("Selenium Grid frozen (SIGSTOP): takes the connection, never answers (--deadline PT10S)",
                "crawl exit 1 \"Selenium Grid … did not answer within 10 s\", nothing written, no session after it resumes",
                crawl.elapsed());
    }

    @Test
    @Order(4)
    void aGridThatIsDownFailsTheCrawlWithOneClearLine() throws Exception {
        URI url = grid.url();
        grid.close(); // killed: nothing listens on its port any more

        Crawl crawl = crawl(work.resolve("data-down"), page("/ranking.html"), "--deadline", FAULT_DEADLINE,
                "--retry-wait", "PT1S");

        assertOneLineWithin(crawl, "crawl failed: Selenium Grid " + url + " refused the connection (is the Grid up?)");
        assertThat(work.resolve("data-down/raw")).doesNotExist();
        FaultTable.record("Selenium Grid down (killed) (--deadline PT10S)",
                "crawl exit 1 \"Selenium Grid … refused the connection\" after its attempts, nothing written", crawl.elapsed());
    }

    private static void assertOneLineWithin(Crawl crawl, String line) {
        assertThat(crawl.exitCode()).as(crawl.stderr()).isEqualTo(1);
        assertThat(crawl.stderr()).isEqualTo(line + System.lineSeparator());
        assertThat(crawl.elapsed()).isLessThan(Duration.parse(FAULT_DEADLINE).plus(SLACK));
    }

    /** One {@code bin/realtime-trend crawl} of the slot 18:10 KST through the Grid, as a user types it. */
    private static Crawl crawl(Path dataRoot, URI page, String... more) throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/realtime-trend").toString(), "crawl",
                "--selenium-url", grid.url().toString(), "--url", page.toString(), "--data-root", dataRoot.toString(),
                "--nominal-time", "2026-11-26T09:10Z", "--max-lag", "P3650D"));
        command.addAll(List.of(more));
        Path out = Files.createTempFile(work, "crawl-", ".out");
        Path err = Files.createTempFile(work, "crawl-", ".err");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("crawl still running after " + COMMAND_TIMEOUT + ": " + command);
        }
        return new Crawl(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - start));
    }

    /** What one crawl command did. */
    private record Crawl(int exitCode, String stdout, String stderr, Duration elapsed) {
    }

    private static URI page(String path) {
        return URI.create("http://127.0.0.1:" + site.getAddress().getPort() + path);
    }

    private static String gridLog() throws IOException {
        return Files.readString(work.resolve("grid/grid.log"), StandardCharsets.UTF_8);
    }
}
