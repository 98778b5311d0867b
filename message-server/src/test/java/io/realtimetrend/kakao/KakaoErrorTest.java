package io.realtimetrend.kakao;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimetrend.kakao.KakaoError.Disposition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kakao's documented error codes (REST API › Error code) decide retry, pause, dead letter, stop, or no resend (in doubt). */
class KakaoErrorTest {

    @ParameterizedTest(name = "HTTP {0}, code {1} → {2}")
    @CsvSource({
        "401, -401, REFRESH_TOKEN",
        "500, -1, RETRY",
        "503, -9798, RETRY",
        "502, , IN_DOUBT",
        "504, , IN_DOUBT",
        "429, , RETRY",
        "400, -1, RETRY",
        "400, -7, RETRY",
        "400, -603, RETRY",
        "400, -10, QUOTA",
        "400, -532, QUOTA",
        "400, -533, QUOTA",
        "400, -536, QUOTA",
        "400, -2, DEAD_LETTER",
        "403, -3, STOP",
        "403, -4, STOP",
        "403, -5, STOP",
        "403, -12, STOP",
        "403, -402, STOP",
        "400, -501, STOP",
        "400, , STOP",
    })
    void statusAndCodeDecide(int status, Integer code, Disposition expected) {
        String body = code == null ? "<html>Bad Request</html>" : "{\"msg\":\"m\",\"code\":" + code + "}";
        assertThat(KakaoError.of(status, body).disposition()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"msg\":\"API limit has been exceeded.\",\"code\":-10} | HTTP 400, Kakao code -10: API limit has been exceeded.",
        "<html>Bad Request</html> | HTTP 400, no Kakao code: <html>Bad Request</html>",
    })
    void everyDescriptionNamesTheStatusKakaosCodeAndMessage(String body, String expected) {
        assertThat(KakaoError.of(400, body)).hasToString(expected);
    }
}
