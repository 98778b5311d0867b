package io.realtimetrend.kakao;

/**
 * The sender's quota is used up (Kakao's -10 and the daily message quotas -532, -533, -536): not retried at once,
 * the server pauses for {@code --quota-pause} with nothing committed.
 */
public final class QuotaExceededException extends Exception {

    private static final long serialVersionUID = 1L;

    public QuotaExceededException(String message) {
        super(message);
    }
}
