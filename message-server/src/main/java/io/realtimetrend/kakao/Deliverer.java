package io.realtimetrend.kakao;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides and performs the delivery of one message: dedupe by key, quiet hours, same-ranking suppression, then the
 * "send to me" call with bounded retries of transient failures and one token refresh on 401.
 */
public final class Deliverer {

    /** How the server behaves; see {@code bin/realtime-trend message-server --help}. */
    public record Settings(String linkUrl, boolean everyWindow, Optional<QuietHours> quietHours, ZoneId zone,
                           int attempts, Duration retryWait, boolean dryRun) {

        public Settings {
            Objects.requireNonNull(linkUrl, "linkUrl is null");
            Objects.requireNonNull(quietHours, "quietHours is null");
            Objects.requireNonNull(zone, "zone is null");
            Objects.requireNonNull(retryWait, "retryWait is null");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KakaoApi api;
    private final TokenFile tokens;
    private final DeliveryState state;
    private final Settings settings;
    private final Clock clock;
    private final PrintStream out;
    private final Retry retry;

    public Deliverer(KakaoApi api, TokenFile tokens, DeliveryState state, Settings settings, Clock clock, PrintStream out) {
        this.api = Objects.requireNonNull(api, "api is null");
        this.tokens = Objects.requireNonNull(tokens, "tokens is null");
        this.state = Objects.requireNonNull(state, "state is null");
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.out = Objects.requireNonNull(out, "out is null");
        this.retry = Retry.of("kakao", RetryConfig.custom()
                .maxAttempts(settings.attempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(settings.retryWait(), 2.0))
                .retryExceptions(KakaoUnavailableException.class)
                .build());
    }

    /** Delivers {@code notice} or says why not; throws only when the offset must not be committed (or for the DLQ). */
    public Outcome deliver(TrendNotice notice)
            throws UndeliverableException, KakaoUnavailableException, AuthorizationException, IOException {
        if (state.alreadySent(notice.key())) {
            return Outcome.ALREADY_SENT;
        }
        ZonedDateTime when = notice.windowEnd().orElseGet(() -> ZonedDateTime.now(clock)).withZoneSameInstant(settings.zone());
        if (settings.quietHours().isPresent() && settings.quietHours().get().contains(when.toLocalTime())) {
            state.heldBack();
            return Outcome.QUIET_HOURS;
        }
        if (!settings.everyWindow() && !state.heldInQuietHours() && notice.keywords().equals(state.lastKeywords())) {
            return Outcome.SAME_RANKING;
        }
        String template = template(KakaoText.fit(notice.text(), KakaoText.LIMIT));
        if (settings.dryRun()) {
            out.println(template);
        } else {
            send(template);
        }
        state.sent(notice.key(), notice.keywords());
        return Outcome.SENT;
    }

    /** The text template Kakao renders: the text, a link and a button. */
    public String template(String text) {
        ObjectNode template = JSON.createObjectNode();
        template.put("object_type", "text");
        template.put("text", text);
        ObjectNode link = template.putObject("link");
        link.put("web_url", settings.linkUrl());
        link.put("mobile_web_url", settings.linkUrl());
        template.put("button_title", "바로 확인");
        return template.toString();
    }

    private void send(String template)
            throws UndeliverableException, KakaoUnavailableException, AuthorizationException, IOException {
        Tokens current = tokens.read();
        if (sendWithRetry(current, template).isPresent()) {
            Tokens refreshed = api.refresh(current.refreshToken());
            tokens.write(refreshed);
            if (sendWithRetry(refreshed, template).isPresent()) {
                throw new AuthorizationException("Kakao refused the freshly refreshed access token (HTTP 401)");
            }
        }
    }

    private Optional<KakaoApi.Failure> sendWithRetry(Tokens current, String template)
            throws UndeliverableException, KakaoUnavailableException {
        try {
            return retry.executeCallable(() -> api.sendToMe(current.accessToken(), template));
        } catch (UndeliverableException | KakaoUnavailableException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
