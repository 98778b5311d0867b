package io.realtimetrend.kakao;

/** The refresh token was refused: nothing can be sent until someone re-authorizes; the server stops. */
public final class AuthorizationException extends Exception {

    private static final long serialVersionUID = 1L;

    public AuthorizationException(String message) {
        super(message);
    }
}
