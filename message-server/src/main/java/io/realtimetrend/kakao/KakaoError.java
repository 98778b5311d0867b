package io.realtimetrend.kakao;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A failed answer of Kakao's API ({@code {"msg": …, "code": -10}}, developers.kakao.com › REST API › Error code) and
 * what it means for the message: the HTTP status and Kakao's code decide, never the message text.
 */
public record KakaoError(int status, OptionalInt code, String message) {

    /** What the server does about a failed send. */
    public enum Disposition {
        /** Refresh the access token once and send again (401, code -401). */
        REFRESH_TOKEN,
        /** A gateway's 502 or 504: Kakao may have taken the message; never send it again. */
        IN_DOUBT,
        /** Transient: retry with backoff, then pause (other 5xx, 429, -1 internal error, -7 maintenance, -603 timeout). */
        RETRY,
        /** Quota used up: pause for {@code --quota-pause} (-10, and the daily message quotas -532, -533, -536). */
        QUOTA,
        /** Our request itself is invalid and always will be (-2): dead-letter the message. */
        DEAD_LETTER,
        /** The app or account cannot send (403: -3, -4, -5, -12; any code not known here): stop the server. */
        STOP
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Integer> TRANSIENT = Set.of(-1, -7, -603);
    private static final Set<Integer> QUOTAS = Set.of(-10, -532, -533, -536);
    private static final int INVALID_PARAMETER = -2;

    public KakaoError {
        Objects.requireNonNull(code, "code is null");
        Objects.requireNonNull(message, "message is null");
    }

    /** Reads Kakao's error body; a body that is not Kakao's JSON is kept as the message. */
    public static KakaoError of(int status, String body) {
        try {
            JsonNode root = JSON.readTree(body == null ? "" : body);
            if (root != null && root.isObject()) {
                OptionalInt code = root.path("code").isInt() ? OptionalInt.of(root.get("code").asInt()) : OptionalInt.empty();
                String message = root.hasNonNull("msg") ? root.get("msg").asText()
                        : root.path("error_description").asText(root.path("error").asText(body));
                return new KakaoError(status, code, message);
            }
        } catch (IOException e) {
            // not JSON: an HTML error page of a proxy, say
        }
        return new KakaoError(status, OptionalInt.empty(), body == null ? "" : body.strip());
    }

    /** What to do about this answer to a "send to me" call. */
    public Disposition disposition() {
        if (status == 401) {
            return Disposition.REFRESH_TOKEN;
        }
        if (status == 502 || status == 504) {
            return Disposition.IN_DOUBT;
        }
        if (status >= 500 || status == 429 || code.isPresent() && TRANSIENT.contains(code.getAsInt())) {
            return Disposition.RETRY;
        }
        if (code.isPresent() && QUOTAS.contains(code.getAsInt())) {
            return Disposition.QUOTA;
        }
        if (code.isPresent() && code.getAsInt() == INVALID_PARAMETER) {
            return Disposition.DEAD_LETTER;
        }
        return Disposition.STOP;
    }

    /** {@code HTTP 400, Kakao code -10: <Kakao's message>}, the form every log line uses. */
    @Override
    public String toString() {
        return "HTTP " + status + (code.isPresent() ? ", Kakao code " + code.getAsInt() : ", no Kakao code") + ": " + message;
    }
}
