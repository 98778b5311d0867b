package io.realtimetrend.kakao;

/**
 * A message that can never be sent (invalid JSON, unknown {@code schema_version}, Kakao's -2 "invalid parameter" for
 * our payload): it goes to the dead-letter topic and its offset is committed.
 */
public final class UndeliverableException extends Exception {

    private static final long serialVersionUID = 1L;

    public UndeliverableException(String reason) {
        super(reason);
    }
}
