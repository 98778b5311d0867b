package io.realtimetrend.publish;

/** The message was not acknowledged by Kafka (broker down, timeout, authentication, configuration). */
public final class PublishException extends Exception {

    private static final long serialVersionUID = 1L;

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
