package io.realtimetrend.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Where {@code local}'s KakaoTalk messages go: both secret files to the message server, else its dry run. */
class LiveOptionsTest {

    private static LiveOptions parse(String... args) {
        LocalPipeline local = new LocalPipeline();
        new CommandLine(local).parseArgs(args);
        return local.liveOptions;
    }

    @Test
    void withoutSecretFilesTheMessagesArePrinted() {
        assertThat(parse("--live").messengerArgs()).containsExactly("--dry-run");
    }

    @Test
    void bothSecretFilesGoToTheMessageServerWhichChecksThem() {
        assertThat(parse("--live", "--kakao-token-file", "t.json", "--kakao-rest-api-key-file", "key").messengerArgs())
                .containsExactly("--token-file", Path.of("t.json").toAbsolutePath().toString(),
                        "--rest-api-key-file", Path.of("key").toAbsolutePath().toString());
    }

    @Test
    void oneSecretFileAloneIsRefused() {
        assertThatThrownBy(() -> parse("--live", "--kakao-token-file", "t.json").messengerArgs())
                .hasMessageStartingWith("real KakaoTalk needs both --kakao-token-file and --kakao-rest-api-key-file");
    }

    @Test
    void theRetentionIsSevenDaysByDefault() {
        assertThat(parse("--live").retain).hasDays(7);
    }
}
