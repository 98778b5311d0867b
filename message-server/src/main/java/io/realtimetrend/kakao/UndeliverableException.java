package io.realtimetrend.kakao;

/** A message that can never be sent (invalid JSON, unknown schema, a 4xx from Kakao): it goes to the dead-letter topic. */
public final class UndeliverableException extends Exception {

    private static final long serialVersionUID = 1L;

    public UndeliverableException(String reason) {
        super(reason);
    }
}
