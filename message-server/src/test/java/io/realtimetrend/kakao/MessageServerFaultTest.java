package io.realtimetrend.kakao;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimetrend.testing.FaultTable;
import io.realtimetrend.testing.Figures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The message server's faults, each injected for real: many partitions with Kakao's errors, a 403, new groups,
 * SIGTERM during a send, unsafe secret files, a rebalance during a pause, late answers, poison records.
 */
class MessageServerFaultTest extends MessageServerFixture {

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
        Process process = serverProcess(arguments("--from-beginning"));

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

    @Test
    void startupRefusesAKafkaPropertiesFileOthersCanReadAndEmptyQuietHours() throws Exception {
        Path kafkaProperties = stateDir.resolve("kafka.properties");
        Files.writeString(kafkaProperties, "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule "
                + "required username=\"u\" password=\"p\";\n");
        Files.setPosixFilePermissions(kafkaProperties, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(startupError("--kafka-properties", kafkaProperties.toString())).isEqualTo("message-server failed: "
                + "Kafka properties file " + kafkaProperties + " is readable by others (mode rw-r-----): chmod 600 "
                + kafkaProperties);

        assertThat(startupError("--quiet-hours", "07:00-07:00")).isEqualTo("message-server failed: quiet hours "
                + "07:00-07:00 are empty: start and end must differ (e.g. 01:00-07:00)");
        assertThat(kakao.requests()).isEmpty();
    }

    // ---- issue 35: a rebalance during a pause, late answers, poison records ------------------------------------

    @Test
    void aConsumerJoiningAndLeavingTheGroupDuringAPauseLosesNothing() throws Exception {
        String first = windowEnd(30);
        String second = windowEnd(20);
        publish(first, message(first, List.of("날씨")));
        publish(second, message(second, List.of("로또")));
        kakao.answerSends(503, 503, 503);
        MessageServer server = start(replacing(arguments("--from-beginning"), "--pause-after-failure", "PT15S"));
        await(() -> logged(1, "pausing PT15S"), "the pause after the first window's 503s");
        long started = System.nanoTime();

        // a second instance of the server's group joins (a rebalance: the partition is revoked and assigned again,
        // unpaused) and leaves (another one), both while the server waits out its pause
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
             var other = new org.apache.kafka.clients.consumer.KafkaConsumer<>(Map.<String, Object>of(
                     "bootstrap.servers", broker.bootstrapServers(), "group.id", "kakao_message_server",
                     "enable.auto.commit", "false", "auto.offset.reset", "earliest"),
                     new org.apache.kafka.common.serialization.StringDeserializer(),
                     new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            other.subscribe(List.of(topic));
            await(() -> {
                other.poll(Duration.ofMillis(100));
                return groupMembers(admin) == 2;
            }, "the second member to join");
        }
        await(() -> logged(2, "reading " + topic + "-0 from offset 0"), "the partition assigned again");
        assertThat(kakao.delivered()).as("nothing sent during the pause").isEmpty();
        String third = windowEnd(10);
        publish(third, message(third, List.of("환율")));

        await(() -> kakao.delivered().size() >= 3 && committedTotal() == 3, "all three windows sent and committed");
        FaultTable.record("a consumer joins and leaves the group during a Kakao 503 pause",
                "the paused window sent once after the pause, none skipped", Duration.ofNanos(System.nanoTime() - started));
        server.stop(Duration.ofSeconds(20));
        assertThat(kakao.delivered()).hasSize(3).doesNotHaveDuplicates();
        assertThat(kakao.delivered().get(0)).contains("날씨");
    }

    private int groupMembers(org.apache.kafka.clients.admin.Admin admin) {
        try {
            return admin.describeConsumerGroups(List.of("kakao_message_server")).all().get()
                    .get("kakao_message_server").members().size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anAnswerLaterThanTheTimeoutOrAGatewayErrorIsNeverResent() throws Exception {
        String late = windowEnd(30);
        String gateway = windowEnd(20);
        String next = windowEnd(10);
        publish(late, message(late, List.of("날씨")));
        publish(gateway, message(gateway, List.of("로또")));
        publish(next, message(next, List.of("환율")));
        kakao.answerSends(FakeKakao.Answer.slowOk(2500), FakeKakao.Answer.status(504));
        long started = System.nanoTime();
        MessageServer server = start(replacing(arguments("--from-beginning"), "--kakao-timeout", "PT1S"));

        await(() -> committedTotal() == 3, "three commits");
        FaultTable.record("Kakao answers 200 after the 1 s client timeout; a gateway 504",
                "neither resent (IN_DOUBT, committed), the next window sent", Duration.ofNanos(System.nanoTime() - started));
        server.stop(Duration.ofSeconds(20));
        await(() -> kakao.delivered().size() == 2, "the late answer's delivery on Kakao's side");
        assertThat(kakao.sends()).as("one call per window").hasSize(3);
        assertThat(kakao.delivered()).hasSize(2).anyMatch(text -> text.contains("날씨"))
                .anyMatch(text -> text.contains("환율"));
        assertThat(log).anyMatch(line -> line.contains(late) && line.contains(": IN_DOUBT: no answer from Kakao within PT1S"));
        assertThat(log).anyMatch(line -> line.contains(gateway)
                && line.contains(": IN_DOUBT: Kakao's gateway answered HTTP 504"));
    }

    @Test
    void killedDuringASendARestartDoesNotSendThatWindowAgain() throws Exception {
        String window = windowEnd(10);
        publish(window, message(window, List.of("날씨")));
        kakao.answerSends(FakeKakao.Answer.slowOk(2000));
        // a group of its own with a short session: the killed member leaves no one else waiting for it long
        String[] group = {"--group", "killed-" + topic, "--kafka", "session.timeout.ms=6000"};
        List<String> args = arguments(group);
        args.add("--from-beginning");
        Process process = serverProcess(args);
        await(() -> kakao.sends().size() == 1, "the slow send to start");
        long killed = System.nanoTime();
        process.destroyForcibly();
        assertThat(process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        await(() -> kakao.delivered().size() == 1, "Kakao's side of the send");
        assertThat(committedOffsets("killed-" + topic)).isEmpty();

        MessageServer again = server(group);
        await(() -> committedTotal("killed-" + topic) == 1, "the restart's commit");
        FaultTable.record("kill -9 of the message server during a Kakao send, then a restart",
                "the window not sent again (IN_DOUBT from state.json), committed", Duration.ofNanos(System.nanoTime() - killed));
        again.stop(Duration.ofSeconds(20));
        assertThat(kakao.sends()).hasSize(1);
        assertThat(log).anyMatch(line -> line.endsWith("key " + window + ": IN_DOUBT"));
    }

    @Test
    void poisonRecordsOfHundredsOfKilobytesAreDeadLetteredAndTheNextOneIsSent() throws Exception {
        // a dead-letter topic that takes less than the source topic: the 800 KB value cannot be copied there
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic + ".dlq", 1, (short) 1)
                    .configs(Map.of("max.message.bytes", "700000")))).all().get();
        }
        byte[] jsonString = ("\"" + "가".repeat(200_000) + "\"").getBytes(StandardCharsets.UTF_8);
        byte[] garbage = "x".repeat(800_000).getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(topic, "string", jsonString)).get();
        producer.send(new ProducerRecord<>(topic, "garbage", garbage)).get();
        String window = windowEnd(10);
        publish(window, message(window, List.of("날씨")));
        long started = System.nanoTime();
        MessageServer server = start(arguments("--from-beginning"));

        await(() -> committedTotal() == 3, "three commits");
        FaultTable.record("a 600 KB JSON string and an 800 KB non-JSON value (DLQ limit 700 KB)",
                "both dead-lettered (the 800 KB without its value), the next window sent",
                Duration.ofNanos(System.nanoTime() - started));
        server.stop(Duration.ofSeconds(20));
        assertThat(server.fatal()).isNull();
        assertThat(kakao.delivered()).singleElement().satisfies(text -> assertThat(text).contains("날씨"));
        List<ConsumerRecord<String, byte[]>> dead = broker.readAll(topic + ".dlq");
        assertThat(dead).extracting(ConsumerRecord::key).containsExactly("string", "garbage");
        assertThat(dead.get(0).value()).isEqualTo(jsonString);
        assertThat(dead.get(1).value()).isNull();
        assertThat(header(dead.get(0), "dlq.reason")).startsWith("invalid JSON: not an object: \"가가")
                .endsWith("… (" + ("invalid JSON: not an object: ".length() + 200_002) + " characters)").hasSizeLessThan(400);
        assertThat(header(dead.get(1), "dlq.reason")).startsWith("invalid JSON: ").hasSizeLessThan(400);
        assertThat(header(dead.get(1), "dlq.value-dropped")).isEqualTo("800000 bytes, too large for " + topic
                + ".dlq; read it at " + topic + "-0@1");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
