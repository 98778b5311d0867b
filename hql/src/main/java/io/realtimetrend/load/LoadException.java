package io.realtimetrend.load;

/** A statement of the load script failed; the message names the file, line and statement. */
public final class LoadException extends Exception {

    private static final long serialVersionUID = 1L;

    public LoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
