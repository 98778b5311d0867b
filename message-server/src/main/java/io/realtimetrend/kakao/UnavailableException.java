package io.realtimetrend.kakao;

/**
 * The messenger could not take the message now (5xx, 429, a timeout, Kakao's "retry" and maintenance codes): retried
 * with backoff, then the server pauses with the message and everything after it uncommitted.
 */
public final class UnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
