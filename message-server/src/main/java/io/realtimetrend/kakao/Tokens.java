package io.realtimetrend.kakao;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/** Kakao OAuth tokens of the account that receives the messages. */
public record Tokens(@JsonProperty("access_token") String accessToken,
                     @JsonProperty("refresh_token") String refreshToken) {

    public Tokens {
        Objects.requireNonNull(accessToken, "access_token is missing");
        Objects.requireNonNull(refreshToken, "refresh_token is missing");
    }
}
