package io.realtimetrend.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimetrend.contract.CommandLines;
import io.realtimetrend.testing.Figures;
import io.realtimetrend.testing.KafkaBroker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publish action against a real Kafka broker (KRaft) on loopback. */
class PublishActionTest {

    private static final String WINDOW_END = "2026-11-26T18:10:00+09:00";

    private static KafkaBroker broker;

    @TempDir
    static Path brokerDir;

    @TempDir
    Path dataRoot;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(brokerDir);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    /** Exit code, stdout and stderr of one in-process run of the action. */
    private record Run(int exitCode, String stdout, String stderr) {
    }

    private Run publish(String... args) {
        List<String> all = new ArrayList<>(List.of("--data-root", dataRoot.toString(), "--nominal-time", WINDOW_END));
        all.addAll(List.of(args));
        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = CommandLines.execute(new PublishAction(), new PrintWriter(err, true), all.toArray(String[]::new));
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(previous);
        }
    }

    private void installTrends() throws IOException {
        Path dir = Files.createDirectories(dataRoot.resolve("trends/window_end=202611261810"));
        try (InputStream in = getClass().getResourceAsStream("trends-202611261810.csv")) {
            Files.copy(in, dir.resolve("trends.csv"));
        }
    }

    private String expectedJson() {
        String dir = dataRoot.toAbsolutePath().toUri().toString().replaceAll("/$", "") + "/trends/window_end=202611261810";
        return "{\"schema_version\":1,\"window_start\":\"2026-11-26T17:10:00+09:00\",\"window_end\":\"" + WINDOW_END + "\","
                + "\"snapshots\":6,\"expected_snapshots\":6,\"items\":["
                + "{\"position\":1,\"keyword\":\"날씨\",\"appearance_ratio\":100.0,\"avg_rank\":1.0,\"appearances\":6,\"best_rank\":1,\"latest_rank\":1},"
                + "{\"position\":2,\"keyword\":\"삼성전자, 주가\",\"appearance_ratio\":100.0,\"avg_rank\":2.5,\"appearances\":6,\"best_rank\":2,\"latest_rank\":3},"
                + "{\"position\":3,\"keyword\":\"\\\"따옴표\\\" 검색어\",\"appearance_ratio\":66.7,\"avg_rank\":1.75,\"appearances\":4,\"best_rank\":1,\"latest_rank\":2},"
                + "{\"position\":4,\"keyword\":\"이모지 🎉 축제\",\"appearance_ratio\":66.7,\"avg_rank\":4.25,\"appearances\":4,\"best_rank\":3,\"latest_rank\":null},"
                + "{\"position\":5,\"keyword\":\"로또\",\"appearance_ratio\":50.0,\"avg_rank\":5.0,\"appearances\":3,\"best_rank\":4,\"latest_rank\":4},"
                + "{\"position\":6,\"keyword\":\"환율\",\"appearance_ratio\":50.0,\"avg_rank\":6.33,\"appearances\":3,\"best_rank\":5,\"latest_rank\":6},"
                + "{\"position\":7,\"keyword\":\"비트코인\",\"appearance_ratio\":33.3,\"avg_rank\":7.5,\"appearances\":2,\"best_rank\":7,\"latest_rank\":8},"
                + "{\"position\":8,\"keyword\":\"BTS\",\"appearance_ratio\":33.3,\"avg_rank\":8.0,\"appearances\":2,\"best_rank\":8,\"latest_rank\":null},"
                + "{\"position\":9,\"keyword\":\"코스피\",\"appearance_ratio\":16.7,\"avg_rank\":9.0,\"appearances\":1,\"best_rank\":9,\"latest_rank\":9},"
                + "{\"position\":10,\"keyword\":\"수능\",\"appearance_ratio\":16.7,\"avg_rank\":10.0,\"appearances\":1,\"best_rank\":10,\"latest_rank\":10}],"
                + "\"text\":\"[최근 1시간 인기 검색어] \\n기준시간: 26/11/26 18:10:00 \\n 1.  날씨\\n 2.  삼성전자, 주가\\n 3.  \\\"따옴표\\\" 검색어"
                + "\\n 4.  이모지 🎉 축제\\n 5.  로또\\n 6.  환율\\n 7.  비트코인\\n 8.  BTS\\n 9.  코스피\\n10.  수능\","
                + "\"output_path\":\"" + dir + "\"}";
    }

    @Test
    void messageArrivesByteForByteWithKoreanIntactAndIsPrinted() throws IOException {
        installTrends();

        Run run = publish("--bootstrap-servers", broker.bootstrapServers(), "--topic", "contract");

        assertThat(run.stderr()).isEmpty();
        assertThat(run.exitCode()).isZero();
        List<ConsumerRecord<String, byte[]>> records = broker.readAll("contract");
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(WINDOW_END);
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(expectedJson());
            assertThat(record.value()).isEqualTo(expectedJson().getBytes(StandardCharsets.UTF_8));
        });
        assertThat(run.stdout().strip()).isEqualTo(expectedJson());
    }

    @Test
    void publishingTheSameWindowTwiceSendsTheSameKeyAndValue() throws IOException {
        installTrends();

        assertThat(publish("--bootstrap-servers", broker.bootstrapServers(), "--topic", "twice").exitCode()).isZero();
        assertThat(publish("--bootstrap-servers", broker.bootstrapServers(), "--topic", "twice").exitCode()).isZero();

        List<ConsumerRecord<String, byte[]>> records = broker.readAll("twice");
        assertThat(records).hasSize(2);
        assertThat(records.get(0).key()).isEqualTo(records.get(1).key());
        assertThat(records.get(0).value()).isEqualTo(records.get(1).value());
    }

    @Test
    void brokerThatDoesNotAnswerFailsWithinTheTimeout() throws IOException {
        installTrends();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        long start = System.nanoTime();
        Run run = publish("--bootstrap-servers", "127.0.0.1:" + closedPort, "--timeout", "PT3S");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr().lines()).singleElement().asString()
                .startsWith("publish failed: not acknowledged by 127.0.0.1:" + closedPort + " within 3 s");
        assertThat(run.stdout()).isEmpty();
        assertThat(took).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void missingTrendsFileFailsAndSendsNothing() {
        Run run = publish("--bootstrap-servers", broker.bootstrapServers(), "--topic", "missing");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).startsWith("publish failed: no trends for window 2026-11-26 18:10:00: ")
                .contains("has analyze run for this nominal time?");
        assertThat(broker.readAll("missing")).isEmpty();
    }

    @Test
    void malformedTrendsFileFailsAndSendsNothing() throws IOException {
        Path dir = Files.createDirectories(dataRoot.resolve("trends/window_end=202611261810"));
        Files.writeString(dir.resolve("trends.csv"), "window_end,position,keyword,appearances,snapshots,"
                + "appearance_ratio,avg_rank,best_rank,latest_rank\n2026-11-26 18:10:00,1,날씨,six,6,100.0,1.00,1,1\n");

        Run run = publish("--bootstrap-servers", broker.bootstrapServers(), "--topic", "malformed");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("trends.csv line 2: not a number");
        assertThat(broker.readAll("malformed")).isEmpty();
    }

    @Test
    void secretsAreRefusedOnTheCommandLineAndReadFromTheNamedFile() throws IOException {
        installTrends();
        Run refused = publish("--bootstrap-servers", broker.bootstrapServers(),
                "--kafka", "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required;");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).contains("sasl.jaas.config is a secret: put it in the file named by --kafka-properties");

        Path props = Files.writeString(dataRoot.resolve("client.properties"), "kafka.client.id=from-the-file\n");
        Run run = publish("--bootstrap-servers", broker.bootstrapServers(), "--topic", "with-file",
                "--kafka-properties", props.toString(), "--kafka", "compression.type=gzip");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(broker.readAll("with-file")).hasSize(1);
    }

    @Test
    void publishLatencyBenchmark() throws IOException {
        installTrends();
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            assertThat(publish("--bootstrap-servers", broker.bootstrapServers(), "--topic", "latency").exitCode()).isZero();
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        Figures.report("publish", "read trends + send + ack, JVM up: " + millis + " ms; target ≤ 2000 ms");
    }
}
