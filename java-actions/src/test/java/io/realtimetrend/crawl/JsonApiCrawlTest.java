package io.realtimetrend.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimetrend.testing.FixtureSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
