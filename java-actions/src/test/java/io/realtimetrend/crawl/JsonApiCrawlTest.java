package io.realtimetrend.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimetrend.testing.FaultTable;
import io.realtimetrend.testing.FixtureSite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The browser-less source: the site's JSON endpoint over plain HTTP, served on 127.0.0.1. */
class JsonApiCrawlTest {

    private static final String SNAPSHOT = "raw/dt=2026-11-26/hr=18/202611261810.csv";
    /** The slot of every crawl here: 2026-11-26 18:10 KST. */
    private static final Instant SLOT = Instant.parse("2026-11-26T09:10:00Z");

    private FixtureSite site;

    @TempDir
    Path dataRoot;

    @BeforeEach
    void startSite() {
        site = new FixtureSite("/io/realtimetrend/crawl/pages");
    }

    @AfterEach
    void stopSite() {
        site.close();
    }

    static String payload(int entries) {
        return IntStream.rangeClosed(1, entries)
                .mapToObj(i -> "{\"rank\":" + i + ",\"keyword\":\"검색어 " + i + ", \\\"q\\\"\",\"state\":\"" + (i % 2 == 0 ? "s" : "n") + "\"}")
                .collect(Collectors.joining(",", "{\"top10\":[", "]}"));
    }

    private CrawlRun crawl(String... more) {
        return crawlAt(SLOT.plus(Duration.ofMinutes(1)), more);
    }

    private CrawlRun crawlAt(Instant now, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--source", "api", "--api-url", site.api().toString(),
                "--data-root", dataRoot.toString(), "--nominal-time", "2026-11-26T18:10:00+09:00",
                "--retry-wait", "PT0.05S"));
        args.addAll(List.of(more));
        return CrawlRun.at(now, args);
    }

    @Test
    void aZoneWithDaylightSavingIsRefusedAtStartWithOneLineAndNothingRead() throws Exception {
        site.answer(200, payload(10));
        long started = System.nanoTime();

        CrawlRun run = CrawlRun.at(Instant.parse("2026-10-25T01:31:00Z"), List.of("--source", "api",
                "--api-url", site.api().toString(), "--data-root", dataRoot.toString(),
                "--timezone", "Europe/Berlin", "--nominal-time", "2026-10-25T01:30:00Z"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().lines().findFirst()).hasValue("Invalid value for option '--timezone': Europe/Berlin "
                + "changes its UTC offset (daylight saving): a repeated or skipped hour would give two slots one file "
                + "name or count the wrong snapshots; use a zone without offset changes (Asia/Seoul, UTC) or a fixed "
                + "offset such as +01:00");
        assertThat(site.apiRequests()).isZero();
        try (var files = Files.list(dataRoot)) {
            assertThat(files).isEmpty();
        }
        FaultTable.record("crawl --timezone Europe/Berlin for the 2026-10-25 01:30Z slot (fall-back)",
                "refused at start with one line, nothing read or written", Duration.ofNanos(System.nanoTime() - started));
    }

    @Test
    void payloadBecomesTheSameSnapshotAsAPage() throws Exception {
        site.answer(200, payload(10));

        CrawlRun run = crawl();

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<String> lines = Files.readAllLines(dataRoot.resolve("raw/dt=2026-11-26/hr=18/202611261810.csv"));
        assertThat(lines).hasSize(11);
        assertThat(lines.get(1)).matches("2026-11-26 18:10:00,[-0-9: ]+,1,\"검색어 1, \"\"q\"\"\",new");
        assertThat(lines.get(2)).endsWith(",2,\"검색어 2, \"\"q\"\"\",same");
    }

    @Test
    void decomposedFormsAndInvisibleCharactersNeverReachTheCsv() throws Exception {
        List<String> keywords = List.of("한국", Normalizer.normalize("한국", Normalizer.Form.NFD), "caf\u00e9",
                "cafe\u0301", "nul\u0000byte", "\u200Frtl mark\u200E", "\u202Eoverride\u202C", "zero\u200Bwidth",
                "\uFEFFbom", "soft\u00ADhyphen");
        List<Map<String, Object>> top = IntStream.range(0, keywords.size())
                .mapToObj(i -> Map.<String, Object>of("rank", i + 1, "keyword", keywords.get(i), "state", "up")).toList();
        site.answer(200, new ObjectMapper().writeValueAsString(Map.of("top10", top)));

        CrawlRun run = crawl();

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        byte[] bytes = Files.readAllBytes(dataRoot.resolve("raw/dt=2026-11-26/hr=18/202611261810.csv"));
        assertThat(bytes).doesNotContain((byte) 0);
        String csv = new String(bytes, StandardCharsets.UTF_8);
        assertThat(csv.codePoints().filter(c -> Character.getType(c) == Character.FORMAT
                || (Character.getType(c) == Character.CONTROL && c != '\r' && c != '\n'))).isEmpty();
        assertThat(Normalizer.isNormalized(csv, Normalizer.Form.NFC)).isTrue();
        assertThat(csv.lines().skip(1).map(line -> line.split(",")[3])).containsExactly("한국", "한국", "caf\u00e9",
                "caf\u00e9", "nulbyte", "rtl mark", "override", "zerowidth", "bom", "softhyphen");
    }

    /** Ten entries whose keywords start with {@code prefix}: the page as read at another time. */
    static String payload(String prefix) {
        return IntStream.rangeClosed(1, 10)
                .mapToObj(i -> "{\"rank\":" + i + ",\"keyword\":\"" + prefix + " " + i + "\",\"state\":\"up\"}")
                .collect(Collectors.joining(",", "{\"top10\":[", "]}"));
    }

    private void assertKept(CrawlRun run, byte[] before) throws Exception {
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).isEmpty();
        assertThat(Files.readAllBytes(dataRoot.resolve(SNAPSHOT))).isEqualTo(before);
        assertThat(run.output()).containsEntry("kept", "true").containsEntry("skipped", "false")
                .containsEntry("path", dataRoot.resolve(SNAPSHOT).toUri().toString().replace("file:///", "file:/"))
                .containsEntry("rows", "10").containsEntry("slot", "2026-11-26 18:10:00")
                .containsEntry("dt", "2026-11-26").containsEntry("hr", "18");
        assertThat(run.stdout().lines()).singleElement().asString()
                .startsWith(dataRoot.resolve(SNAPSHOT) + " kept: slot 2026-11-26 18:10:00 already has a snapshot (10 rows)");
    }

    @Test
    void rerunOfASlotAgainstAChangedApiKeepsTheSnapshotByteForByte() throws Exception {
        site.answer(200, payload("first")).answer(200, payload("changed"));
        assertThat(crawl().exitCode()).isZero();
        byte[] first = Files.readAllBytes(dataRoot.resolve(SNAPSHOT));

        CrawlRun rerun = crawl();

        assertKept(rerun, first);
        assertThat(site.apiRequests()).as("a kept slot does not read the source").isEqualTo(1);
    }

    @Test
    void recrawlReplacesTheSnapshotWithTheChangedApi() throws Exception {
        site.answer(200, payload("first")).answer(200, payload("changed"));
        assertThat(crawl().exitCode()).isZero();
        byte[] first = Files.readAllBytes(dataRoot.resolve(SNAPSHOT));

        CrawlRun recrawl = crawl("--recrawl");

        assertThat(recrawl.exitCode()).as(recrawl.stderr()).isZero();
        assertThat(Files.readAllBytes(dataRoot.resolve(SNAPSHOT))).isNotEqualTo(first);
        assertThat(Files.readAllLines(dataRoot.resolve(SNAPSHOT)).get(1)).contains(",1,changed 1,up");
        assertThat(recrawl.output()).containsEntry("kept", "false").containsEntry("skipped", "false")
                .containsEntry("rows", "10");
        assertThat(recrawl.stdout().strip()).isEqualTo(dataRoot.resolve(SNAPSHOT).toString());
    }

    @Test
    void recrawlFalseAsTheWorkflowPassesItKeepsTheSnapshot() throws Exception {
        site.answer(200, payload("first")).answer(200, payload("changed"));
        assertThat(crawl("--recrawl=false").exitCode()).isZero();
        byte[] first = Files.readAllBytes(dataRoot.resolve(SNAPSHOT));

        assertKept(crawl("--recrawl=false"), first);
    }

    @Test
    void slotWithoutASnapshotHalfAnHourLateIsSkippedAndNothingIsWritten() {
        site.answer(200, payload("today"));

        CrawlRun run = crawlAt(SLOT.plus(Duration.ofMinutes(30)));

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).isEmpty();
        assertThat(dataRoot.resolve("raw")).doesNotExist();
        assertThat(site.apiRequests()).isZero();
        assertThat(run.output()).containsEntry("skipped", "true").containsEntry("kept", "false")
                .containsEntry("rows", "0").containsEntry("slot", "2026-11-26 18:10:00")
                .containsEntry("dt", "2026-11-26").containsEntry("hr", "18")
                .containsEntry("path", dataRoot.resolve(SNAPSHOT).toUri().toString().replace("file:///", "file:/"));
        assertThat(run.stdout().lines()).singleElement().asString().isEqualTo("skipped slot 2026-11-26 18:10:00: PT30M "
                + "after its start, past --max-lag PT20M, and it has no snapshot; nothing written to " + dataRoot.resolve(SNAPSHOT));
    }

    @Test
    void aSlotMoreThanAMinuteInTheFutureIsRefusedAndOneLessIsCrawled() {
        site.answer(200, payload("today"));

        CrawlRun early = crawlAt(SLOT.minus(Duration.ofMinutes(2)));

        assertThat(early.exitCode()).isEqualTo(1);
        assertThat(early.stderr()).isEqualTo("crawl failed: slot 2026-11-26 18:10:00 starts PT2M after the clock "
                + "(2026-11-26T09:08:00Z): its ranking is not on the page yet; check --nominal-time and the machine's clock"
                + System.lineSeparator());
        assertThat(dataRoot.resolve("raw")).doesNotExist();
        assertThat(site.apiRequests()).isZero();

        CrawlRun almost = crawlAt(SLOT.minus(Duration.ofSeconds(50)));
        assertThat(almost.exitCode()).as(almost.stderr()).isZero();
        assertThat(dataRoot.resolve(SNAPSHOT)).exists();
    }

    @Test
    void slotExactlyMaxLagLateIsStillCrawled() {
        site.answer(200, payload("on time"));

        CrawlRun run = crawlAt(SLOT.plus(Duration.ofMinutes(20)));

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.output()).containsEntry("skipped", "false").containsEntry("rows", "10");
        assertThat(dataRoot.resolve(SNAPSHOT)).exists();
    }

    @Test
    void existingSnapshotIsKeptWhateverTheLagEvenWithRecrawl() throws Exception {
        site.answer(200, payload("first")).answer(200, payload("changed"));
        assertThat(crawl().exitCode()).isZero();
        byte[] first = Files.readAllBytes(dataRoot.resolve(SNAPSHOT));

        assertKept(crawlAt(SLOT.plus(Duration.ofMinutes(30))), first);
        CrawlRun lateRecrawl = crawlAt(SLOT.plus(Duration.ofHours(5)), "--recrawl");
        assertKept(lateRecrawl, first);
        assertThat(lateRecrawl.stdout()).contains("--recrawl refused, PT5H after the slot is past --max-lag PT20M");
        assertThat(site.apiRequests()).isEqualTo(1);
    }

    @Test
    void aLiftedMaxLagCrawlsASlotMonthsAgo() {
        site.answer(200, payload("recorded"));

        CrawlRun run = crawlAt(SLOT.plus(Duration.ofDays(90)), "--max-lag", "P3650D");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(dataRoot.resolve(SNAPSHOT)).exists();
        assertThat(run.output()).containsEntry("skipped", "false").containsEntry("kept", "false");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "-PT20M"})
    void maxLagMustBePositive(String maxLag) {
        site.answer(200, payload("any"));

        CrawlRun run = crawl("--max-lag", maxLag);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).isEqualTo("crawl failed: max-lag must be positive: " + Duration.parse(maxLag)
                + System.lineSeparator());
        assertThat(dataRoot.resolve("raw")).doesNotExist();
    }

    @Test
    void serverErrorsAreRetriedUntilTheApiAnswers() {
        site.answer(503, "busy").answer(502, "busy").answer(200, payload(10));

        CrawlRun run = crawl("--attempts", "3");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(site.apiRequests()).isEqualTo(3);
    }

    @Test
    void retriesAreBounded() {
        site.answer(503, "busy");

        CrawlRun run = crawl("--attempts", "2");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).isEqualTo("crawl failed: API " + site.api() + " answered HTTP 503" + System.lineSeparator());
        assertThat(site.apiRequests()).isEqualTo(2);
        assertThat(dataRoot.resolve("raw")).doesNotExist();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "not json at all | API payload is not JSON",
        "{\"realtime\":[]} | API payload has no 'top10' array (API changed?)",
        "{\"top10\":[1,2]} | API payload: top10 entry 1 is not an object",
        "{\"top10\":[{\"rank\":1,\"keyword\":\"a\"}]} | ranking has 1 entries, fewer than minRanks=10",
    })
    void badPayloadFailsWithoutRetryOrFile(String body, String message) {
        site.answer(200, body);

        CrawlRun run = crawl();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).startsWith("crawl failed: " + message);
        assertThat(site.apiRequests()).isEqualTo(1);
        assertThat(dataRoot.resolve("raw")).doesNotExist();
    }

    @Test
    void apiThatTricklesItsBodyFailsAtTheDeadline() throws Exception {
        // fault: headers at once, then one byte every 10 s (the HTTP client's request timeout ends at the headers)
        List<String> args = List.of("--source", "api", "--api-url", site.tricklingApi().toString(),
                "--data-root", dataRoot.toString(), "--nominal-time", "2026-11-26T18:10:00+09:00",
                "--deadline", "PT8S", "--attempts", "3");
        long started = System.nanoTime();

        CrawlRun run = CrawlRun.at(SLOT.plus(Duration.ofMinutes(1)), args);

        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        io.realtimetrend.testing.FaultTable.record("API trickling a byte every 10 s (--deadline PT8S)",
                "crawl exit 1 \"did not answer within 8 s\", nothing written", elapsed);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).isEqualTo("crawl failed: API " + site.tricklingApi()
                + " did not answer within 8 s (--deadline PT8S)" + System.lineSeparator());
        assertThat(elapsed).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
        assertThat(dataRoot.resolve("raw")).doesNotExist();
    }

    @Test
    void bodyLargerThanTheCapFailsWithoutRetry() {
        // fault: the endpoint answers megabytes (an error page, a misrouted download)
        site.answer(200, "[" + "1,".repeat(JsonApiRankingSource.MAX_BODY_BYTES / 2) + "1]");

        CrawlRun run = crawl("--attempts", "3");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).isEqualTo("crawl failed: API " + site.api() + " answered more than 1048576 bytes: "
                + "not the ranking payload" + System.lineSeparator());
        assertThat(site.apiRequests()).isEqualTo(1);
    }

    @Test
    void retriesStopWhenTheirWaitWouldPassTheDeadline() {
        // fault: a constant 503; waits of 2 s, then 4 s: the second wait would end past the 5 s deadline
        site.answer(503, "busy");
        long started = System.nanoTime();

        CrawlRun run = CrawlRun.at(SLOT.plus(Duration.ofMinutes(1)), List.of("--source", "api", "--api-url",
                site.api().toString(), "--data-root", dataRoot.toString(), "--nominal-time", "2026-11-26T18:10:00+09:00",
                "--attempts", "10", "--retry-wait", "PT2S", "--deadline", "PT5S"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(run.stderr()).isEqualTo("crawl failed: API " + site.api() + " answered HTTP 503" + System.lineSeparator());
        assertThat(site.apiRequests()).isEqualTo(2);
    }
}
