package io.realtimetrend.contract;

/** A window's {@code trends.csv} is missing or does not follow docs/contract.md section 3. */
public final class MalformedTrendsException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedTrendsException(String message) {
        super(message);
    }
}
