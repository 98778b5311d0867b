package io.realtimetrend.kakao;

/**
 * The messenger refuses this sender (a refused token refresh, Kakao's 403 app-setting, permission and suspension
 * codes, an error code this server does not know): nothing can be sent until a person fixes the setup, so the server
 * stops with nothing committed.
 */
public final class SendRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    public SendRefusedException(String message) {
        super(message);
    }
}
