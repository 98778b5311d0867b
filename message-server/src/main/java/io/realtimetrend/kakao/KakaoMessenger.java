package io.realtimetrend.kakao;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * KakaoTalk "send to me": the template call with bounded retries of failures that certainly did not deliver
 * (backoff from {@code retryWait}, doubled) and, on 401, one token refresh whose new tokens are saved before the
 * second try. A send in doubt ({@link DeliveryInDoubtException}) is never retried.
 */
public final class KakaoMessenger implements Messenger {

    private final KakaoApi api;
    private final TokenFile tokens;
    private final KakaoTemplate template;
    private final Retry retry;

    public KakaoMessenger(KakaoApi api, TokenFile tokens, KakaoTemplate template, int attempts, Duration retryWait) {
        this.api = Objects.requireNonNull(api, "api is null");
        this.tokens = Objects.requireNonNull(tokens, "tokens is null");
        this.template = Objects.requireNonNull(template, "template is null");
        this.retry = Retry.of("kakao", RetryConfig.custom()
                .maxAttempts(attempts)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(retryWait, 2.0))
                .retryExceptions(UnavailableException.class)
                .build());
    }

    /** The longest one {@link #send} can take: three rounds of attempts (send, token refresh, send again). */
    public static Duration worstCase(int attempts, Duration retryWait, Duration httpTimeout) {
        Duration waits = Duration.ZERO;
        for (int i = 0; i < attempts - 1; i++) {
            waits = waits.plus(retryWait.multipliedBy(1L << i));
        }
        Duration round = httpTimeout.multipliedBy(attempts).plus(waits);
        return round.multipliedBy(3);
    }

    @Override
    public void send(String text) throws UndeliverableException, UnavailableException, QuotaExceededException,
            SendRefusedException, DeliveryInDoubtException, IOException {
        String templateObject = template.render(text);
        Tokens current = tokens.read();
        if (retried(() -> api.sendToMe(current.accessToken(), templateObject)) == KakaoApi.SendResult.ACCESS_TOKEN_REFUSED) {
            Tokens refreshed = retried(() -> api.refresh(current.refreshToken()));
            tokens.write(refreshed);
            if (retried(() -> api.sendToMe(refreshed.accessToken(), templateObject))
                    == KakaoApi.SendResult.ACCESS_TOKEN_REFUSED) {
                throw new SendRefusedException("Kakao refused the freshly refreshed access token (HTTP 401)");
            }
        }
    }

    /** {@code call} with the retry policy; its own checked exceptions pass through unchanged. */
    private <T> T retried(CheckedSupplier<T> call) throws UndeliverableException, UnavailableException,
            QuotaExceededException, SendRefusedException, DeliveryInDoubtException {
        try {
            return retry.executeCheckedSupplier(call);
        } catch (UndeliverableException | UnavailableException | QuotaExceededException | SendRefusedException
                 | DeliveryInDoubtException | RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
