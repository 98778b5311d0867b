package io.realtimetrend.kakao;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimetrend.testing.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A real Kafka broker (one per test class), a fake Kakao API on 127.0.0.1 and a state directory per test, and the
 * helpers that start a message server between them and publish trend messages.
 */
abstract class MessageServerFixture {

    private static final AtomicInteger TOPICS = new AtomicInteger();
    static KafkaBroker broker;
    static KafkaProducer<String, byte[]> producer;

    @TempDir
    static Path brokerDir;

    @TempDir
    Path stateDir;

    FakeKakao kakao;
    String topic;
    final List<String> log = new ArrayList<>();

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(brokerDir);
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stopBroker() throws Exception {
        producer.close();
        broker.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        kakao = new FakeKakao();
        topic = "recent_topics_" + TOPICS.incrementAndGet();
        writeTokens("access-1", "refresh-1");
        writePrivate(stateDir.resolve("rest-api-key"), "rest-key-123\n");
        writePrivate(stateDir.resolve("client-secret"), "secret-456\n");
    }

    @AfterEach
    void tearDown() {
        kakao.close();
    }

    void writeTokens(String access, String refresh) throws Exception {
        new TokenFile(stateDir.resolve("tokens.json")).write(new Tokens(access, refresh));
    }

    static void writePrivate(Path file, String content) throws Exception {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    /** The server's arguments for this test's topic, Kakao and state, with short retry waits. */
    List<String> arguments(String... extra) {
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", broker.bootstrapServers(),
                "--topic", topic, "--state-dir", stateDir.toString(), "--api-base", kakao.base().toString(),
                "--auth-base", kakao.base().toString(), "--rest-api-key-file", stateDir.resolve("rest-api-key").toString(),
                "--client-secret-file", stateDir.resolve("client-secret").toString(),
                "--retry-wait", "PT0.05S", "--pause-after-failure", "PT0.2S", "--kakao-timeout", "PT4S",
                "--stop-timeout", "PT40S"));
        args.addAll(List.of(extra));
        return args;
    }

    /** A server reading the topic from the beginning with no age limit (the fixed windows of 2026-11-26). */
    MessageServer server(String... extra) throws Exception {
        List<String> args = arguments("--from-beginning", "--max-age", "P36500D");
        args.addAll(List.of(extra));
        return start(args);
    }

    /** {@code args} with the value of {@code option} replaced by {@code value}. */
    static List<String> replacing(List<String> args, String option, String value) {
        List<String> replaced = new ArrayList<>(args);
        replaced.set(replaced.indexOf(option) + 1, value);
        return replaced;
    }

    /** The server's command line in a JVM of its own, logging to {@code <state>/server.log}. */
    Process serverProcess(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MessageServerCommand.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(stateDir.resolve("server.log").toFile()).start();
    }

    MessageServer start(List<String> args) throws Exception {
        MessageServerCommand command = new MessageServerCommand();
        new CommandLine(command).parseArgs(args.toArray(String[]::new));
        MessageServer server = command.buildWithLog(line -> {
            synchronized (log) {
                log.add(line);
            }
        });
        new Thread(server, "message-server-test").start();
        return server;
    }

    static String message(String windowEnd, List<String> keywords) {
        String items = IntStream.range(0, keywords.size()).mapToObj(i -> "{\"position\":" + (i + 1) + ",\"keyword\":\""
                + keywords.get(i) + "\",\"appearance_ratio\":100.0,\"avg_rank\":1.0,\"appearances\":6,\"best_rank\":1,"
                + "\"latest_rank\":1}").collect(Collectors.joining(","));
        String lines = IntStream.range(0, keywords.size())
                .mapToObj(i -> String.format("%2d.  %s", i + 1, keywords.get(i))).collect(Collectors.joining("\\n"));
        return "{\"schema_version\":1,\"window_start\":\"x\",\"window_end\":\"" + windowEnd + "\",\"snapshots\":6,"
                + "\"expected_snapshots\":6,\"items\":[" + items + "],\"text\":\"[최근 1시간 인기 검색어] \\n기준시간: "
                + windowEnd.substring(2, 10).replace('-', '/') + " " + windowEnd.substring(11, 19) + " \\n" + lines
                + "\",\"output_path\":\"/data/trends\"}";
    }

    void publish(String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8))).get();
    }

    /** Waits up to 30 s for {@code condition}; a timeout fails with the server's log so far. */
    void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                synchronized (log) {
                    throw new AssertionError("not within 30 s: " + what + "; the server logged:\n" + String.join("\n", log));
                }
            }
            Thread.sleep(50);
        }
    }

    boolean logged(long count, String outcome) {
        synchronized (log) {
            return log.stream().filter(line -> line.contains(outcome)).count() >= count;
        }
    }

    static Map<?, ?> decode(String json) throws Exception {
        return new ObjectMapper().readValue(json, Map.class);
    }


    /** A window end {@code minutesAgo} before now, in KST, as the publish action writes it. */
    static String windowEnd(long minutesAgo) {
        return java.time.ZonedDateTime.now(java.time.ZoneId.of("Asia/Seoul")).minusMinutes(minutesAgo)
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    Map<org.apache.kafka.common.TopicPartition, Long> committedOffsets() throws Exception {
        return committedOffsets("kakao_message_server");
    }

    Map<org.apache.kafka.common.TopicPartition, Long> committedOffsets(String group) throws Exception {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    long committedTotal() {
        return committedTotal("kakao_message_server");
    }

    long committedTotal(String group) {
        try {
            return committedOffsets(group).values().stream().mapToLong(Long::longValue).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String startupError(String... extra) {
        java.io.StringWriter err = new java.io.StringWriter();
        int exit = io.realtimetrend.contract.CommandLines.execute(new MessageServerCommand(), new java.io.PrintWriter(err, true),
                arguments(extra).toArray(String[]::new));
        assertThat(exit).isEqualTo(1);
        return err.toString().strip();
    }
}
