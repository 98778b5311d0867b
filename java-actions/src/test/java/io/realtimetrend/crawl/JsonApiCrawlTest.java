package io.realtimetrend.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimetrend.testing.FixtureSite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
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

/** The browser-less source: the site's JSON endpoint over plain HTTP, served on 127.0.0.1. */
class JsonApiCrawlTest {

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
        List<String> args = new java.util.ArrayList<>(List.of("--source", "api", "--api-url", site.api().toString(),
                "--data-root", dataRoot.toString(), "--nominal-time", "2026-11-26T18:10:00+09:00",
                "--retry-wait", "PT0.05S"));
        args.addAll(List.of(more));
        return CrawlRun.of(args);
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
}
