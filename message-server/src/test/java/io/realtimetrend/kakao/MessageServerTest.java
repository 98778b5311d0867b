package io.realtimetrend.kakao;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimetrend.testing.Figures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What the message server sends, skips and dead-letters, between a real Kafka broker and a fake Kakao API. */
class MessageServerTest extends MessageServerFixture {

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
    void dryRunCallsNoKakaoKeepsItsOwnGroupAndStopReturnsPromptly() throws Exception {
        publish("k1", message("2026-11-26T18:10:00+09:00", List.of("날씨")));
        MessageServer server = server("--dry-run");

        await(() -> logged(1, ": SENT"), "the dry run");
        long start = System.nanoTime();
        server.stop(Duration.ofSeconds(20));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(kakao.requests()).isEmpty();
        assertThat(committedOffsets("kakao_message_server_dry_run")).containsValue(1L);
        assertThat(committedOffsets()).as("the real group's offsets").isEmpty();
        MessageServerCommand defaults = new MessageServerCommand();
        new CommandLine(defaults).parseArgs("--bootstrap-servers", "b:9092", "--dry-run");
        assertThat(defaults.stateDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".realtime-trend",
                "message-server-dry-run"));
        new CommandLine(defaults = new MessageServerCommand()).parseArgs("--bootstrap-servers", "b:9092");
        assertThat(defaults.group()).isEqualTo("kakao_message_server");
        assertThat(defaults.stateDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".realtime-trend",
                "message-server"));
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
}
