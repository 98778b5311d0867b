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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/realtime-trend local --demo} end to end, as a user runs it: the real Oozie engine, browser, Hive,
 * Spark, Kafka and message server over one demo hour (nominal times 09:10Z..10:00Z = 18:10..19:00 KST). The short
 * runs go first, so the demo hour's figures are those of JVMs with their class-data archives written (as every run
 * after a user's first).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalPipelineIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    /** Exit code and output of one run of the command, and the listening sockets its processes held. */
    private record Run(int exitCode, String stdout, String stderr, java.util.Set<String> listening,
                       java.util.Set<String> exposed, java.util.Set<ProcessHandle> processes, long millis) {
    }

    private Run local(Path dataRoot, String... extra) throws Exception {
        return localRange(dataRoot, "2026-11-26T09:10Z", "2026-11-26T10:00Z", extra);
    }

    private Run localRange(Path dataRoot, String from, String to, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/realtime-trend").toString(), "local", "--demo",
                "--data-root", dataRoot.toString(), "--from", from, "--to", to));
        command.addAll(List.of(extra));
        Path out = Files.createTempFile(tmp, "local", ".out");
        Path err = Files.createTempFile(tmp, "local", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        Run run;
        long started = System.nanoTime();
        try (ListeningSockets sockets = ListeningSockets.watch(process.toHandle())) {
            assertThat(process.waitFor(15, TimeUnit.MINUTES)).as("local run ends").isTrue();
            run = new Run(process.exitValue(), Files.readString(out), Files.readString(err), sockets.seen(),
                    sockets.exposed(), sockets.processes(), (System.nanoTime() - started) / 1_000_000);
        }
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
    @Order(3)
    void demoHourSucceedsAndARerunChangesNothing() throws Exception {
        Path data = tmp.resolve("data");
        Run first = local(data);

        assertThat(first.exitCode()).as(first.stderr()).isZero();
        // fault looked for: a service or engine of the run listening on an address other machines can reach
        assertThat(first.listening()).as("listening sockets seen").hasSizeGreaterThanOrEqualTo(3);
        assertThat(first.exposed()).as("sockets bound to non-loopback addresses, of " + first.listening()).isEmpty();
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

        // rerun with history damaged and the page changed: the 18:30 snapshot is gone and its slot is long past
        // crawlMaxLag, and the first page the site serves has a new layout (any crawl would read it and fail)
        Path raw = data.resolve("raw/dt=2026-11-26");
        java.util.Map<Path, byte[]> snapshots = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.walk(raw)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
                snapshots.put(raw.relativize(file), Files.readAllBytes(file));
            }
        }
        assertThat(snapshots).hasSize(6);
        Files.delete(raw.resolve("hr=18/202611261830.csv"));
        List<String> trendsOf1820 = lines(data.resolve("trends/window_end=202611261820/trends.csv"));

        Run second = local(data, "--demo-break-slot", "1", "-P", "crawlMaxLag=PT20M");

        assertThat(second.exitCode()).as(second.stderr()).isZero();
        assertThat(Pattern.compile("workflow \\S+ SUCCEEDED").matcher(second.stdout()).results().count()).isEqualTo(6);
        assertThat(Files.exists(raw.resolve("hr=18/202611261830.csv"))).as("the past is not invented").isFalse();
        for (var snapshot : snapshots.entrySet()) {
            if (!snapshot.getKey().endsWith("202611261830.csv")) {
                assertThat(Files.readAllBytes(raw.resolve(snapshot.getKey()))).as("kept " + snapshot.getKey())
                        .isEqualTo(snapshot.getValue());
            }
        }
        assertThat(lines(data.resolve("trends/window_end=202611261820/trends.csv"))).isEqualTo(trendsOf1820);
        assertThat(lines(trends).subList(1, lines(trends).size()))
                .allSatisfy(row -> assertThat(row.split(",")[4]).as("the window counts the 5 snapshots left").isEqualTo("5"));
        assertThat(orcFiles(data, "18")).isEqualTo(1);
        assertThat(orcFiles(data, "19")).isEqualTo(1);
    }

    @Test
    @Order(2)
    void aSlotWhosePageChangedItsLayoutIsKilledAndTheWindowCountsTheOthers() throws Exception {
        Path data = tmp.resolve("broken");
        Run run = localRange(data, "2026-11-26T09:40Z", "2026-11-26T10:00Z", "--demo-break-slot", "2");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(Pattern.compile("workflow \\S+ SUCCEEDED").matcher(run.stdout()).results().count()).isEqualTo(2);
        assertThat(run.stdout()).containsPattern("\\[2026-11-26 18:50\\] workflow \\S+ KILLED \\([0-9.]+ s\\): realtime-trend failed at crawl "
                + "for 2026-11-26T09:50Z: (JA018: )?crawl failed: ranking not rendered within 15 s: nothing matches keyword selector");
        assertThat(run.stderr()).contains("local failed: realtime-trend failed at crawl");
        assertThat(lines(data.resolve("trends/window_end=202611261900/trends.csv")).subList(1, 2))
                .allSatisfy(row -> assertThat(row.split(",")[4]).isEqualTo("2"));
    }

    @Test
    @Order(4)
    void timeoutStopsTheRunningActionAndEveryProcessOfTheRun() throws Exception {
        Path data = tmp.resolve("timeout");
        Run run = localRange(data, "2026-11-26T09:10Z", "2026-11-26T10:00Z", "--timeout", "PT30S");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("local failed: the runs did not end within --timeout PT30S");
        assertThat(run.millis()).as("the whole command after a 30 s timeout").isLessThan(90_000);
        Thread.sleep(2000);
        assertThat(run.processes()).as("processes of the run").hasSizeGreaterThan(3)
                .noneMatch(ProcessHandle::isAlive);
        io.realtimetrend.testing.FaultTable.record("local --timeout PT30S over a 6-slot hour",
                "exit 1, running action and all " + run.processes().size() + " processes of the run ended",
                java.time.Duration.ofMillis(run.millis()));
    }

    @Test
    @Order(1)
    void theLivePageIsNotCrawledForThePast() throws Exception {
        Path data = tmp.resolve("live-past");
        List<String> command = List.of(ROOT.resolve("bin/realtime-trend").toString(), "local", "--url",
                "http://127.0.0.1:9/", "--data-root", data.toString(), "--from", "2026-11-26T09:10Z",
                "--to", "2026-11-26T10:00Z");
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        String stderr = new String(process.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(stderr.strip()).startsWith("local failed: the live page http://127.0.0.1:9/ shows only the present "
                + "ranking, and --from 2026-11-26T09:10Z is more than crawlMaxLag PT20M ago").doesNotContain("\n");
        assertThat(data).as("nothing written").doesNotExist();
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
        Figures.report("local", m.group(1) + " (targets: ≤ 12000 ms per cycle, none over 15000 ms, ≤ 90000 ms for the hour, ≤ 2560 MiB)");
    }
}
