package io.realtimetrend.publish;

/** The window's {@code trends.csv} is missing or does not follow the contract; nothing is sent. */
public final class MalformedTrendsException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedTrendsException(String message) {
        super(message);
    }
}
