package io.realtimetrend.kakao;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimetrend.testing.FaultTable;
import io.realtimetrend.testing.Figures;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The message server between a real Kafka broker and a fake Kakao API on 127.0.0.1. */
class MessageServerTest {

    private static final AtomicInteger TOPICS = new AtomicInteger();
    private static KafkaBroker broker;
    private static KafkaProducer<String, byte[]> producer;

    @TempDir
    Path stateDir;

    private FakeKakao kakao;
    private String topic;
    private final List<String> log = new ArrayList<>();

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start();
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

    private void writeTokens(String access, String refresh) throws Exception {
        new TokenFile(stateDir.resolve("tokens.json")).write(new Tokens(access, refresh));
    }

    private static void writePrivate(Path file, String content) throws Exception {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    /** The server's arguments for this test's topic, Kakao and state, with short retry waits. */
    private List<String> arguments(String... extra) {
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
    private MessageServer server(String... extra) throws Exception {
        List<String> args = arguments("--from-beginning", "--max-age", "P36500D");
        args.addAll(List.of(extra));
        return start(args);
    }

    private MessageServer start(List<String> args) throws Exception {
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

    private void publish(String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8))).get();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private boolean logged(long count, String outcome) {
        synchronized (log) {
            return log.stream().filter(line -> line.contains(outcome)).count() >= count;
        }
    }

    private static Map<?, ?> decode(String json) throws Exception {
        return new ObjectMapper().readValue(json, Map.class);
    }

    @Test
    void sendsTheTextTemplateToKakaoAndCommits() throws Exception {
        String key = "2026-11-26T18:10:00+09:00";
        publish(key, message(key, List.of("날씨", "삼성전자, 주가", "\\\"따옴표\\\" 🎉")));
        MessageServer server = server();

        await(() -> logged(1, ": SENT"), "the send");
        server.stop(Duration.ofSeconds(20));

        assertThat(kakao.sends()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/v2/api/talk/memo/default/send");
            assertThat(request.authorization()).isEqualTo("Bearer access-1");
            assertThat(request.contentType()).startsWith("application/x-www-form-urlencoded");
            assertThat(request.form().get("template_object")).isEqualTo("{\"object_type\":\"text\","
                    + "\"text\":\"[최근 1시간 인기 검색어] \\n기준시간: 26/11/26 18:10:00 \\n 1.  날씨\\n 2.  삼성전자, 주가"
                    + "\\n 3.  \\\"따옴표\\\" 🎉\",\"link\":{\"web_url\":\"https://signal.bz/\","
                    + "\"mobile_web_url\":\"https://signal.bz/\"},\"button_title\":\"바로 확인\"}");
        });
        MessageServer again = server();
        // the restart reads on past the committed record: nothing is left for it to send again
        await(() -> logged(1, "from offset 1"), "the restart's position");
        again.stop(Duration.ofSeconds(20));
        assertThat(kakao.sends()).hasSize(1);
    }

    @Test
    void unauthorizedRefreshesTheTokensRetriesOnceAndSavesThem() throws Exception {
        writeTokens("expired", "refresh-1");
        publish("k1", message("2026-11-26T18:10:00+09:00", List.of("날씨")));
        MessageServer server = server();

        await(() -> logged(1, ": SENT"), "the send");
        server.stop(Duration.ofSeconds(20));

        List<FakeKakao.Request> requests = kakao.requests();
        assertThat(requests).extracting(FakeKakao.Request::path)
                .containsExactly("/v2/api/talk/memo/default/send", "/oauth/token", "/v2/api/talk/memo/default/send");
        assertThat(requests.get(1).form()).isEqualTo(Map.of("grant_type", "refresh_token", "client_id", "rest-key-123",
                "refresh_token", "refresh-1", "client_secret", "secret-456"));
        assertThat(requests.get(2).authorization()).isEqualTo("Bearer access-2");
        Path tokens = stateDir.resolve("tokens.json");
        assertThat(decode(Files.readString(tokens))).isEqualTo(Map.of("access_token", "access-2", "refresh_token", "refresh-2"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens))).isEqualTo("rw-------");
    }

    @Test
    void serverErrorsAreRetriedAndTheMessageIsSentOnce() throws Exception {
        kakao.answerSends(500, 500);
        publish("k1", message("2026-11-26T18:10:00+09:00", List.of("날씨")));
        MessageServer server = server();

        await(() -> logged(1, ": SENT"), "the send");
        server.stop(Duration.ofSeconds(20));

        assertThat(kakao.sends()).hasSize(3);
        assertThat(log).filteredOn(line -> line.contains(": SENT")).hasSize(1);
    }

    @Test
    void kakaoDownLeavesTheMessageUncommittedUntilItAnswers() throws Exception {
        kakao.answerSends(503, 503, 503, 503, 503, 503);
        publish("k1", message("2026-11-26T18:10:00+09:00", List.of("날씨")));
        MessageServer server = server();

        await(() -> logged(1, ": SENT"), "the send after the outage");
        server.stop(Duration.ofSeconds(20));

        assertThat(log).anyMatch(line -> line.contains("Kakao unavailable: HTTP 503") && line.contains("nothing committed"));
        assertThat(kakao.sends()).hasSize(7);
    }

    @Test
    void aCrashAfterTheSendButBeforeTheCommitDoesNotSendTwice() throws Exception {
        String key = "2026-11-26T18:10:00+09:00";
        DeliveryState.load(stateDir.resolve("state.json")).sent(key, List.of("날씨"));
        publish(key, message(key, List.of("날씨")));
        MessageServer server = server();

        await(() -> logged(1, ": ALREADY_SENT"), "the redelivery");
        server.stop(Duration.ofSeconds(20));

        assertThat(kakao.sends()).isEmpty();
    }

    @Test
    void invalidMessagesGoToTheDeadLetterTopicAndTheNextOneIsSent() throws Exception {
        publish("bad", "{not json");
        publish("v2", "{\"schema_version\":2,\"text\":\"x\"}");
        publish("k1", message("2026-11-26T18:10:00+09:00", List.of("날씨")));
        MessageServer server = server();

        await(() -> logged(1, ": SENT"), "the good message");
        server.stop(Duration.ofSeconds(20));

        List<ConsumerRecord<String, byte[]>> dead = broker.readAll(topic + ".dlq");
        assertThat(dead).extracting(ConsumerRecord::key).containsExactly("bad", "v2");
        assertThat(new String(dead.get(0).headers().lastHeader("dlq.reason").value(), StandardCharsets.UTF_8))
                .startsWith("invalid JSON");
        assertThat(new String(dead.get(1).headers().lastHeader("dlq.reason").value(), StandardCharsets.UTF_8))
                .isEqualTo("unknown schema_version 2 (this server understands 1)");
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(kakao.sends()).hasSize(1);
    }

    @Test
    void messagesOfTheOriginalFormatAreAccepted() throws Exception {
        publish(null, "{\"text\":\"[최근 1시간 인기 검색어] \\n기준시간: 26/11/26 18:10:00 \\n 1.  날씨\",\"output_path\":\"/x\"}");
        MessageServer server = server();

        await(() -> logged(1, ": SENT"), "the send");
        server.stop(Duration.ofSeconds(20));

        assertThat(decode(kakao.sends().get(0).form().get("template_object")).get("text"))
                .isEqualTo("[최근 1시간 인기 검색어] \n기준시간: 26/11/26 18:10:00 \n 1.  날씨");
    }

    @Test
    void thirtyItemMessageIsFittedToTwoHundredCharacters() throws Exception {
        List<String> keywords = IntStream.rangeClosed(1, 30).mapToObj(i -> "아주 긴 검색어 " + i + " 가나다라마바사").toList();
        publish("k1", message("2026-11-26T18:10:00+09:00", keywords));
        MessageServer server = server();

        await(() -> logged(1, ": SENT"), "the send");
        server.stop(Duration.ofSeconds(20));

        String text = (String) decode(kakao.sends().get(0).form().get("template_object")).get("text");
        assertThat(text.codePointCount(0, text.length())).isLessThanOrEqualTo(200);
        assertThat(text).endsWith("\n…").contains(" 1.  아주 긴 검색어 1 가나다라마바사\n");
    }

    @Test
    void sameRankingIsSentOnceUnlessEveryWindowIsAsked() throws Exception {
        publish("k1", message("2026-11-26T18:10:00+09:00", List.of("날씨", "로또")));
        publish("k2", message("2026-11-26T18:20:00+09:00", List.of("날씨", "로또")));
        publish("k3", message("2026-11-26T18:30:00+09:00", List.of("로또", "날씨")));
        MessageServer server = server();

        await(() -> logged(2, ": SENT"), "two sends");
        await(() -> logged(1, ": SAME_RANKING"), "the suppressed window");
        server.stop(Duration.ofSeconds(20));
        assertThat(kakao.sends()).hasSize(2);
    }

    @Test
    void quietHoursHoldMessagesBackAndTheFirstWindowAfterThemIsSent() throws Exception {
        publish("k1", message("2026-11-26T00:50:00+09:00", List.of("날씨")));
        publish("k2", message("2026-11-26T01:10:00+09:00", List.of("로또")));
        publish("k3", message("2026-11-26T06:50:00+09:00", List.of("환율")));
        publish("k4", message("2026-11-26T07:00:00+09:00", List.of("날씨")));
        MessageServer server = server("--quiet-hours", "01:00-07:00");

        await(() -> logged(2, ": SENT"), "the sends around quiet hours");
        server.stop(Duration.ofSeconds(20));

        assertThat(log).filteredOn(line -> line.contains(": QUIET_HOURS")).hasSize(2);
        assertThat(kakao.sends()).extracting(r -> (String) decode(r.form().get("template_object")).get("text"))
                .satisfiesExactly(t -> assertThat(t).contains("00:50:00"), t -> assertThat(t).contains("07:00:00"));
    }

    @Test
    void dryRunCallsNoKakaoAndStopReturnsPromptly() throws Exception {
        publish("k1", message("2026-11-26T18:10:00+09:00", List.of("날씨")));
        MessageServer server = server("--dry-run");

        await(() -> logged(1, ": SENT"), "the dry run");
        long start = System.nanoTime();
        server.stop(Duration.ofSeconds(20));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(kakao.requests()).isEmpty();
    }

    @Test
    void latencyFromPublishToTheKakaoCall() throws Exception {
        MessageServer server = server("--every-window");
        publish("warm-up", message("2026-11-26T17:00:00+09:00", List.of("날씨")));
        await(() -> kakao.sends().size() == 1, "the warm-up send");
        List<Long> millis = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            long start = System.nanoTime();
            publish("k" + i, message("2026-11-26T18:" + (10 + i) + ":00+09:00", List.of("날씨")));
            int expected = i + 1;
            await(() -> kakao.sends().size() >= expected, "send " + expected);
            millis.add((kakao.sends().get(i).nanoTime() - start) / 1_000_000);
        }
        server.stop(Duration.ofSeconds(20));
        Figures.report("message-server", "publish → Kakao call: " + millis + " ms; target ≤ 1000 ms");
    }

    // ---- faults: many partitions, Kakao's codes, new groups, SIGTERM, secrets (issue 13) -------------------------

    /** A window end {@code minutesAgo} before now, in KST, as the publish action writes it. */
    private static String windowEnd(long minutesAgo) {
        return java.time.ZonedDateTime.now(java.time.ZoneId.of("Asia/Seoul")).minusMinutes(minutesAgo)
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private Map<org.apache.kafka.common.TopicPartition, Long> committedOffsets() throws Exception {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            return admin.listConsumerGroupOffsets("kakao_message_server").partitionsToOffsetAndMetadata().get()
                    .entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    private long committedTotal() {
        try {
            return committedOffsets().values().stream().mapToLong(Long::longValue).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void threePartitionsWithA503AndAQuotaErrorDeliverEveryWindowExactlyOnce() throws Exception {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 3, (short) 1))).all().get();
        }
        List<String> windows = IntStream.range(0, 30).mapToObj(i -> windowEnd(30 - i)).toList();
        for (int i = 0; i < windows.size(); i++) {
            publish(windows.get(i), message(windows.get(i), List.of("검색어 " + i)));
        }
        // sends 5-7 fail with 503 (every attempt of one delivery: the consumer pauses), send 14 hits the quota
        kakao.answerSends(FakeKakao.Answer.slowOk(0), FakeKakao.Answer.slowOk(0), FakeKakao.Answer.slowOk(0),
                FakeKakao.Answer.slowOk(0), FakeKakao.Answer.status(503), FakeKakao.Answer.status(503),
                FakeKakao.Answer.status(503), FakeKakao.Answer.slowOk(0), FakeKakao.Answer.slowOk(0),
                FakeKakao.Answer.slowOk(0), FakeKakao.Answer.slowOk(0), FakeKakao.Answer.slowOk(0),
                FakeKakao.Answer.slowOk(0), FakeKakao.Answer.kakao(400, -10, "API limit has been exceeded."));
        MessageServer server = server("--quota-pause", "PT0.5S");
        long started = System.nanoTime();

        await(() -> kakao.delivered().size() >= 30, "30 deliveries");
        FaultTable.record("Kakao 503 ×3 and 400/-10 among 30 windows on 3 partitions",
                "all 30 sent once after the pauses, DLQ empty", Duration.ofNanos(System.nanoTime() - started));
        await(() -> committedTotal() == 30, "30 commits");
        // a duplicate would come from a record read again (a rewind too far back): one more record per partition,
        // a window already sent (no Kakao call), handled and committed, shows each partition read to its end
        for (int partition = 0; partition < 3; partition++) {
            producer.send(new ProducerRecord<>(topic, partition, windows.get(0),
                    message(windows.get(0), List.of("검색어 0")).getBytes(StandardCharsets.UTF_8))).get();
        }
        await(() -> committedTotal() == 33, "the 3 markers' commits");
        server.stop(Duration.ofSeconds(20));

        assertThat(kakao.delivered()).hasSize(30).doesNotHaveDuplicates();
        assertThat(kakao.delivered()).allSatisfy(text -> assertThat(text).containsPattern("검색어 \\d+"));
        assertThat(committedOffsets()).hasSize(3);
        assertThat(broker.readAll(topic + ".dlq")).isEmpty();
        assertThat(log).anyMatch(line -> line.contains("HTTP 400, Kakao code -10: API limit has been exceeded.")
                && line.contains("pausing PT0.5S"));
        assertThat(log).anyMatch(line -> line.contains("HTTP 503") && line.contains("pausing PT0.2S"));
    }

    @Test
    void forbiddenStopsTheServerWithKakaosMessageAndARestartSendsThePendingWindowOnce() throws Exception {
        String window = windowEnd(5);
        publish(window, message(window, List.of("날씨")));
        kakao.answerSends(FakeKakao.Answer.kakao(403, -3, "App disabled [talk_message] scopes for [TALK_MEMO_DEFAULT_SEND] API"));
        java.io.StringWriter err = new java.io.StringWriter();
        long started = System.nanoTime();

        int exit = io.realtimetrend.contract.CommandLines.execute(new MessageServerCommand(), new java.io.PrintWriter(err, true),
                arguments("--from-beginning").toArray(String[]::new));
        FaultTable.record("Kakao 403/-3 (app setting)", "server exit 1 with Kakao's code and message, nothing committed",
                Duration.ofNanos(System.nanoTime() - started));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("message-server failed: Kakao refused to send: HTTP 403, Kakao code -3: "
                + "App disabled [talk_message] scopes for [TALK_MEMO_DEFAULT_SEND] API");
        assertThat(committedOffsets()).isEmpty();
        assertThat(kakao.delivered()).isEmpty();

        MessageServer again = server();
        await(() -> logged(1, ": SENT"), "the send after the fix");
        await(() -> committedTotal() == 1, "the commit");
        again.stop(Duration.ofSeconds(20));
        assertThat(kakao.delivered()).hasSize(1);
    }

    @Test
    void aNewGroupFromTheBeginningSkipsWindowsOlderThanMaxAgeAndSendsTheFreshOne() throws Exception {
        for (int i = 0; i < 100; i++) {
            String old = windowEnd(180 + 10L * i);
            publish(old, message(old, List.of("옛날 " + i)));
        }
        String fresh = windowEnd(1);
        publish(fresh, message(fresh, List.of("지금")));
        MessageServer server = start(arguments("--from-beginning"));

        await(() -> committedTotal() == 101, "101 commits");
        server.stop(Duration.ofSeconds(20));

        assertThat(kakao.delivered()).singleElement().satisfies(text -> assertThat(text).contains("지금"));
        assertThat(log).filteredOn(line -> line.endsWith(": STALE")).hasSize(100);
    }

    @Test
    void aNewGroupStartsAtTheLatestOffsetsByDefault() throws Exception {
        for (int i = 0; i < 5; i++) {
            String old = windowEnd(10L * i + 10);
            publish(old, message(old, List.of("이미 " + i)));
        }
        MessageServer server = start(arguments());
        await(() -> logged(1, "from offset 5"), "the group's start position");
        String fresh = windowEnd(0);
        publish(fresh, message(fresh, List.of("새로")));

        await(() -> logged(1, ": SENT"), "the fresh window");
        server.stop(Duration.ofSeconds(20));
        assertThat(kakao.delivered()).singleElement().satisfies(text -> assertThat(text).contains("새로"));
    }

    @Test
    void sigtermDuringASlowSendFinishesItCommitsAndExitsZero() throws Exception {
        String window = windowEnd(3);
        publish(window, message(window, List.of("날씨")));
        kakao.answerSends(FakeKakao.Answer.slowOk(3000));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MessageServerCommand.class.getName()));
        command.addAll(arguments("--from-beginning"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(stateDir.resolve("server.log").toFile()).start();

        await(() -> kakao.sends().size() == 1, "the slow send to start");
        long signalled = System.nanoTime();
        process.destroy();

        assertThat(process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        Figures.report("message-server", "SIGTERM during a 3 s send → exit " + process.exitValue() + " after "
                + (System.nanoTime() - signalled) / 1_000_000 + " ms");
        assertThat(process.exitValue()).isZero();
        FaultTable.record("SIGTERM during a 3 s Kakao send", "send finished, offset committed, exit 0",
                Duration.ofNanos(System.nanoTime() - signalled));
        assertThat(Files.readString(stateDir.resolve("server.log"))).contains(": SENT");
        assertThat(kakao.delivered()).hasSize(1);
        assertThat(committedTotal()).isEqualTo(1);

        MessageServer again = server();
        // the restart reads on past the committed record: nothing is left for it to send again
        await(() -> logged(1, "from offset 1"), "the restart's position");
        again.stop(Duration.ofSeconds(20));
        assertThat(kakao.sends()).hasSize(1);
    }

    @Test
    void startupRefusesATokenFileOthersCanReadOrOneWithoutRefreshToken() throws Exception {
        Path tokens = stateDir.resolve("tokens.json");
        Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(startupError()).isEqualTo("message-server failed: token file " + tokens
                + " is readable by others (mode rw-r--r--): chmod 600 " + tokens);

        writePrivate(tokens, "{\"access_token\": \"access-1\"}");
        assertThat(startupError()).startsWith("message-server failed: token file " + tokens + " has no refresh_token");

        writeTokens("access-1", "refresh-1");
        Files.setPosixFilePermissions(stateDir.resolve("rest-api-key"), PosixFilePermissions.fromString("rw-rw----"));
        assertThat(startupError()).endsWith("chmod 600 " + stateDir.resolve("rest-api-key"));
        assertThat(kakao.requests()).isEmpty();
    }

    private String startupError() {
        java.io.StringWriter err = new java.io.StringWriter();
        int exit = io.realtimetrend.contract.CommandLines.execute(new MessageServerCommand(), new java.io.PrintWriter(err, true),
                arguments().toArray(String[]::new));
        assertThat(exit).isEqualTo(1);
        return err.toString().strip();
    }
}
