package io.realtimetrend.kakao;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The message server's Kakao options (a picocli {@code @Mixin}): where the secrets live, Kakao's addresses, the
 * bounds on one call, and {@code --dry-run}; they make the {@link Messenger} the server sends with.
 */
public final class KakaoOptions {

    /** Tries of one Kakao call on a transient failure. */
    private static final int ATTEMPTS = 3;

    @Option(names = "--dry-run", description = "Print the template instead of calling Kakao.") private boolean dryRun;
    @Option(names = "--token-file", description = "Kakao tokens JSON {access_token, refresh_token}, mode 600 (default: <state-dir>/tokens.json).") private Path tokenFile;
    @Option(names = "--rest-api-key-file", description = "File holding the app's REST API key (client_id of the token refresh).") private Path restApiKeyFile;
    @Option(names = "--client-secret-file", description = "File holding the app's client secret, when the app requires one.") private Path clientSecretFile;
    @Option(names = "--api-base", defaultValue = "https://kapi.kakao.com", description = "Kakao API (default: ${DEFAULT-VALUE}).") private URI apiBase;
    @Option(names = "--auth-base", defaultValue = "https://kauth.kakao.com", description = "Kakao auth (default: ${DEFAULT-VALUE}).") private URI authBase;
    @Option(names = "--link-url", defaultValue = "https://signal.bz/", description = "Where the message's link points (default: ${DEFAULT-VALUE}).") private String linkUrl;
    @Option(names = "--kakao-timeout", defaultValue = "PT10S", description = "Bound on one Kakao call, connect and answer (default: ${DEFAULT-VALUE}).") private Duration kakaoTimeout;
    @Option(names = "--retry-wait", defaultValue = "PT1S", description = "First wait between retries of a 5xx/timeout (default: ${DEFAULT-VALUE}).") private Duration retryWait;

    /** Whether {@code --dry-run} was given: nothing is sent, and the server keeps its own group and state. */
    public boolean dryRun() {
        return dryRun;
    }

    /**
     * The printing messenger for {@code --dry-run}, else Kakao with its secrets read and checked now; refused when
     * {@code stopTimeout} is shorter than one delivery's worst case.
     */
    public Messenger messenger(Path stateDir, Duration stopTimeout) throws IOException {
        Objects.requireNonNull(stateDir, "stateDir is null");
        Objects.requireNonNull(stopTimeout, "stopTimeout is null");
        KakaoTemplate template = new KakaoTemplate(linkUrl);
        if (dryRun) {
            return new PrintingMessenger(template, System.out);
        }
        Duration worstCase = KakaoMessenger.worstCase(ATTEMPTS, retryWait, kakaoTimeout);
        if (stopTimeout.compareTo(worstCase) < 0) {
            throw new IllegalArgumentException("--stop-timeout " + stopTimeout + " is shorter than one delivery's worst case "
                    + worstCase + " (3 rounds of " + ATTEMPTS + " attempts): raise it or lower --kakao-timeout");
        }
        if (restApiKeyFile == null) {
            throw new IllegalArgumentException("--rest-api-key-file is required to refresh Kakao tokens (or use --dry-run)");
        }
        TokenFile tokens = new TokenFile(tokenFile != null ? tokenFile : stateDir.resolve("tokens.json"));
        tokens.read();
        KakaoApi api = new KakaoApi(apiBase, authBase, SecretFiles.readLine(restApiKeyFile, "REST API key file"),
                clientSecretFile == null ? Optional.empty()
                        : Optional.of(SecretFiles.readLine(clientSecretFile, "client secret file")),
                kakaoTimeout);
        return new KakaoMessenger(api, tokens, template, ATTEMPTS, retryWait);
    }
}
