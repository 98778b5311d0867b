package io.realtimetrend.kakao;

/**
 * The send may have reached the chat service but its answer never came (no answer within the timeout, a gateway's
 * 502 or 504): it is never sent again. The message stays recorded as in doubt in the delivery state and its offset
 * is committed; a redelivery of its key is committed as {@link Outcome#IN_DOUBT}.
 */
public final class DeliveryInDoubtException extends Exception {

    private static final long serialVersionUID = 1L;

    public DeliveryInDoubtException(String message, Throwable cause) {
        super(message, cause);
    }
}
