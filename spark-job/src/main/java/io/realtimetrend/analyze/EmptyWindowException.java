package io.realtimetrend.analyze;

/** A window holds no snapshot at all: an error, never an empty trends file. */
public final class EmptyWindowException extends Exception {

    private static final long serialVersionUID = 1L;

    public EmptyWindowException(String message) {
        super(message);
    }
}
