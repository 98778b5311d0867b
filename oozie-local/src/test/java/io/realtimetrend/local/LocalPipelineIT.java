package io.realtimetrend.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimetrend.testing.Figures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/realtime-trend local --demo} end to end, as a user runs it: the real Oozie engine, browser, Hive,
 * Spark, Kafka and message server over one demo hour (nominal times 09:10Z..10:00Z = 18:10..19:00 KST).
 */
class LocalPipelineIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    /** Exit code and output of one run of the command. */
    private record Run(int exitCode, String stdout, String stderr) {
    }

    private Run local(Path dataRoot, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/realtime-trend").toString(), "local", "--demo",
                "--data-root", dataRoot.toString(), "--from", "2026-11-26T09:10Z", "--to", "2026-11-26T10:00Z"));
        command.addAll(List.of(extra));
        Path out = Files.createTempFile(tmp, "local", ".out");
        Path err = Files.createTempFile(tmp, "local", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(15, TimeUnit.MINUTES)).as("local run ends").isTrue();
        Run run = new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        System.out.println(run.stdout());
        return run;
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    private static long orcFiles(Path dataRoot, String hr) throws IOException {
        Path dir = dataRoot.resolve("warehouse/keyword_rank/dt=2026-11-26/hr=" + hr);
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> !p.getFileName().toString().startsWith(".")).count();
        }
    }

    @Test
    void demoHourSucceedsAndARerunChangesNothing() throws Exception {
        Path data = tmp.resolve("data");
        Run first = local(data);

        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(Pattern.compile("workflow \\S+ SUCCEEDED").matcher(first.stdout()).results().count()).isEqualTo(6);
        Path trends = data.resolve("trends/window_end=202611261900/trends.csv");
        List<String> table = lines(trends);
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

        Run second = local(data);

        assertThat(second.exitCode()).as(second.stderr()).isZero();
        assertThat(lines(trends)).isEqualTo(table);
        assertThat(orcFiles(data, "18")).isEqualTo(1);
        assertThat(lastKakaoText(second.stdout())).isEqualTo(message);
    }

    @Test
    void aSlotWhosePageChangedItsLayoutIsKilledAndTheHourHasFiveSnapshots() throws Exception {
        Path data = tmp.resolve("broken");
        Run run = local(data, "--demo-break-slot", "3");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(Pattern.compile("workflow \\S+ SUCCEEDED").matcher(run.stdout()).results().count()).isEqualTo(5);
        assertThat(run.stdout()).containsPattern("\\[2026-11-26 18:30\\] workflow \\S+ KILLED \\([0-9.]+ s\\): realtime-trend failed at crawl "
                + "for 2026-11-26T09:30Z: (JA018: )?crawl failed: ranking not rendered within 15 s: nothing matches keyword selector");
        assertThat(run.stderr()).contains("local failed: realtime-trend failed at crawl");
        assertThat(lines(data.resolve("trends/window_end=202611261900/trends.csv")).subList(1, 2))
                .allSatisfy(row -> assertThat(row.split(",")[4]).isEqualTo("5"));
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

    private static void report(Run run) throws IOException {
        Matcher m = Pattern.compile("figures: (.*)").matcher(run.stdout());
        assertThat(m.find()).isTrue();
        Figures.report("local", m.group(1) + " (targets: ≤ 30000 ms per cycle, ≤ 180000 ms for the hour, ≤ 4096 MiB)");
    }
}
