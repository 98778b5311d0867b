package io.realtimetrend.kakao;

/** Kakao could not be reached or answered 5xx: retried with backoff; the message stays uncommitted. */
public final class KakaoUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public KakaoUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
