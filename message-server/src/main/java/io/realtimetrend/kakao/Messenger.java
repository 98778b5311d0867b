package io.realtimetrend.kakao;

import java.io.IOException;

/**
 * Where a trend's text goes: the one seam between the consumer loop and a chat service. Kakao's "send to me" is the
 * one shipped ({@link KakaoMessenger}); another service (a Slack or Telegram webhook) is one more implementation.
 * The exception types decide what the loop does: retry, pause, dead-letter, stop, or commit without resending.
 */
public interface Messenger {

    /**
     * Sends {@code text}, returning only once it was accepted.
     *
     * @throws UndeliverableException  this message can never be sent: dead-letter it
     * @throws UnavailableException    not now: retry later, nothing committed
     * @throws QuotaExceededException  quota used up: pause for the quota pause, nothing committed
     * @throws SendRefusedException    this sender cannot send at all: stop, nothing committed
     * @throws DeliveryInDoubtException the send may have been delivered, its answer never came: never resend it
     * @throws IOException             local state (tokens) could not be read or written
     */
    void send(String text) throws UndeliverableException, UnavailableException, QuotaExceededException,
            SendRefusedException, DeliveryInDoubtException, IOException;
}
