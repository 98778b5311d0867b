package io.realtimetrend.local;

import io.realtimetrend.contract.DataLayout;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options of a long local run: where KakaoTalk messages go and how long data is kept. The Kakao files follow
 * {@code message-server}'s rules (the message server reads and checks them); without them it runs {@code --dry-run}.
 */
public final class LiveOptions {

    @Option(names = "--kakao-token-file", description = "Kakao tokens JSON {access_token, refresh_token}, mode 600: send real KakaoTalk messages (with --kakao-rest-api-key-file); default: dry run, printing them.") Path kakaoTokenFile;
    @Option(names = "--kakao-rest-api-key-file", description = "File holding the Kakao app's REST API key (with --kakao-token-file).") Path kakaoRestApiKeyFile;
    @Option(names = "--kakao-api-base", description = "Kakao's API and auth base URL for the message server (default: https://kapi.kakao.com and https://kauth.kakao.com), e.g. a proxy.") URI kakaoApiBase;
    @Option(names = "--retain", defaultValue = "P7D", description = "With --live: delete raw snapshots, trends and local logs older than this (ISO-8601; default: ${DEFAULT-VALUE}); table partitions are kept.") Duration retain;

    /** The message server's messenger options: the Kakao secret files, or {@code --dry-run}. */
    List<String> messengerArgs() {
        if (kakaoTokenFile == null && kakaoRestApiKeyFile == null) {
            return List.of("--dry-run");
        }
        if (kakaoTokenFile == null || kakaoRestApiKeyFile == null) {
            throw new IllegalArgumentException("real KakaoTalk needs both --kakao-token-file and "
                    + "--kakao-rest-api-key-file (without either, messages are printed: a dry run)");
        }
        List<String> args = new java.util.ArrayList<>(List.of("--token-file", kakaoTokenFile.toAbsolutePath().toString(),
                "--rest-api-key-file", kakaoRestApiKeyFile.toAbsolutePath().toString()));
        if (kakaoApiBase != null) {
            args.addAll(List.of("--api-base", kakaoApiBase.toString(), "--auth-base", kakaoApiBase.toString()));
        }
        return args;
    }

    /** The retention of a data root on this machine; none for a remote ({@code hdfs://}) one. */
    Optional<Retention> retention(DataLayout layout, Path work, ZoneId zone) {
        URI root = URI.create(layout.dataRoot());
        return "file".equals(root.getScheme()) ? Optional.of(new Retention(Path.of(root), work, retain, zone))
                : Optional.empty();
    }
}
