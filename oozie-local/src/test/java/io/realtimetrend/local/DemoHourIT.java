package io.realtimetrend.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimetrend.testing.Figures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/realtime-trend local --demo} end to end, as a user runs it: the real Oozie engine, browser, Hive, Spark,
 * Kafka and message server over one demo hour (nominal times 09:10Z..10:00Z = 18:10..19:00 KST), then a rerun over
 * damaged history. It goes after the live scenarios, alone, so its figures are those of an idle machine and of JVMs
 * with their class-data archives written (as every run after a user's first).
 */
@Order(5)
class DemoHourIT {

    @TempDir
    Path tmp;

    @Test
    void demoHourSucceedsAndARerunChangesNothing() throws Exception {
        Path data = tmp.resolve("data");
        RangeRun first = RangeRun.demoHour(tmp, data);

        assertThat(first.exitCode()).as(first.stderr()).isZero();
        // fault looked for: a service or engine of the run listening on an address other machines can reach
        assertThat(first.listening()).as("listening sockets seen").hasSizeGreaterThanOrEqualTo(3);
        assertThat(first.exposed()).as("sockets bound to non-loopback addresses, of " + first.listening()).isEmpty();
        assertThat(Pattern.compile("workflow \\S+ SUCCEEDED").matcher(first.stdout()).results().count()).isEqualTo(6);
        // the run is the app's bundle, submitted through Oozie's REST API on loopback, which it prints at once
        assertThat(first.stdout().lines().limit(3)).anyMatch(line -> line.matches("OOZIE_URL=http://127\\.0\\.0\\.1:\\d+/oozie"));
        assertThat(first.stdout()).containsPattern("(?m)^bundle \\S+-B submitted to http://127\\.0\\.0\\.1:\\d+/oozie$")
                .containsPattern("(?m)^coordinator \\S+-C started by the bundle, first run 2026-11-26T09:10Z$");
        Path trends = data.resolve("trends/window_end=202611261900/trends.csv");
        List<String> table = Files.readAllLines(trends);
        assertThat(table.get(0)).isEqualTo(
                "window_end,position,keyword,appearances,snapshots,appearance_ratio,avg_rank,best_rank,latest_rank");
        assertThat(table.subList(1, table.size())).allSatisfy(row -> assertThat(row.split(",")[4]).isEqualTo("6"));
        assertThat(orcFiles(data, "18")).isEqualTo(1);
        assertThat(orcFiles(data, "19")).isEqualTo(1);
        try (Stream<Path> raw = Files.list(data.resolve("raw/dt=2026-11-26/hr=18"))) {
            assertThat(raw.filter(p -> p.toString().endsWith(".csv")).count()).isEqualTo(5);
        }
        String message = lastKakaoText(first.stdout());
        List<String> top = table.subList(1, Math.min(11, table.size())).stream().map(r -> r.split(",")[2]).toList();
        List<String> sent = message.lines().skip(2).map(l -> l.substring(5)).toList();
        assertThat(sent).isEqualTo(top);
        assertThat(message).startsWith("[최근 1시간 인기 검색어] \n기준시간: 26/11/26 19:00:00 \n");
        report(first);

        // rerun with history damaged and the page changed: the 18:30 snapshot is gone and its slot is long past
        // crawlMaxLag, and the first page the site serves has a new layout (any crawl would read it and fail)
        Path raw = data.resolve("raw/dt=2026-11-26");
        Map<Path, byte[]> snapshots = new TreeMap<>();
        try (Stream<Path> files = Files.walk(raw)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
                snapshots.put(raw.relativize(file), Files.readAllBytes(file));
            }
        }
        assertThat(snapshots).hasSize(6);
        Files.delete(raw.resolve("hr=18/202611261830.csv"));
        List<String> trendsOf1820 = Files.readAllLines(data.resolve("trends/window_end=202611261820/trends.csv"));

        RangeRun second = RangeRun.demoHour(tmp, data, "--demo-break-slot", "1", "-P", "crawlMaxLag=PT20M");

        assertThat(second.exitCode()).as(second.stderr()).isZero();
        assertThat(Pattern.compile("workflow \\S+ SUCCEEDED").matcher(second.stdout()).results().count()).isEqualTo(6);
        assertThat(Files.exists(raw.resolve("hr=18/202611261830.csv"))).as("the past is not invented").isFalse();
        for (var snapshot : snapshots.entrySet()) {
            if (!snapshot.getKey().endsWith("202611261830.csv")) {
                assertThat(Files.readAllBytes(raw.resolve(snapshot.getKey()))).as("kept " + snapshot.getKey())
                        .isEqualTo(snapshot.getValue());
            }
        }
        assertThat(Files.readAllLines(data.resolve("trends/window_end=202611261820/trends.csv"))).isEqualTo(trendsOf1820);
        assertThat(Files.readAllLines(trends).subList(1, Files.readAllLines(trends).size()))
                .allSatisfy(row -> assertThat(row.split(",")[4]).as("the window counts the 5 snapshots left").isEqualTo("5"));
        assertThat(orcFiles(data, "18")).isEqualTo(1);
        assertThat(orcFiles(data, "19")).isEqualTo(1);
        // the rerun read the table through the metastore service, which returned only the window's partitions: the
        // 18:10 window reads hours 17 and 18 of a table that now holds 18 and 19
        Matcher logs = Pattern.compile(", logs (\\S+)$", Pattern.MULTILINE).matcher(second.stdout());
        Matcher first1810 = Pattern.compile("^\\[2026-11-26 18:10\\] workflow (\\S+) SUCCEEDED", Pattern.MULTILINE)
                .matcher(second.stdout());
        assertThat(logs.find() && first1810.find()).as(second.stdout()).isTrue();
        assertThat(Files.readString(Path.of(logs.group(1)).resolve(first1810.group(1) + "-analyze.log")))
                .contains("realtime_trend.keyword_rank: 1 partitions fetched from the metastore by filter, files read in "
                        + "[dt=2026-11-26/hr=18]");
    }

    private static long orcFiles(Path dataRoot, String hr) throws IOException {
        Path dir = dataRoot.resolve("warehouse/keyword_rank/dt=2026-11-26/hr=" + hr);
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> !p.getFileName().toString().startsWith(".")).count();
        }
    }

    private static String lastKakaoText(String stdout) {
        Matcher m = Pattern.compile("\\{\"object_type\":\"text\",\"text\":\"(.*?)\",\"link\"").matcher(stdout);
        String text = null;
        while (m.find()) {
            text = m.group(1);
        }
        assertThat(text).as("the message server's dry-run output").isNotNull();
        return text.replace("\\n", "\n");
    }

    private static void report(RangeRun run) throws IOException {
        Matcher m = Pattern.compile("figures: (.*)").matcher(run.stdout());
        assertThat(m.find()).isTrue();
        Figures.report("local", m.group(1) + " (targets: ≤ 12000 ms per cycle, none over 15000 ms, ≤ 90000 ms for the hour, ≤ 2560 MiB)");
    }
}
