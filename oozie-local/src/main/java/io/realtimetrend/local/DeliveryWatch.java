package io.realtimetrend.local;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps a live run's delivery going: a message server that exits once it has consumed (Kakao refused this sender,
 * Kafka went away) stops delivery, not the run. Crawl and load go on, the run says why delivery stopped, and the
 * server is started again after a backoff ({@link #FIRST_BACKOFF}, doubled up to {@link #MAX_BACKOFF}, back to the
 * first once a message is sent); the windows it did not commit wait in Kafka. A server that exits before it ever
 * consumed (a secret file it refuses, a wrong option) ends the run: restarting cannot fix a setup mistake.
 */
final class DeliveryWatch {

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(10);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    private final PrintStream out;
    private boolean consumed;
    private Duration backoff = FIRST_BACKOFF;
    private Optional<String> stopped = Optional.empty();
    private Instant restartAt = Instant.MAX;

    DeliveryWatch(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out is null");
    }

    /** A line the message server printed. */
    void serverSaid(String line) {
        if (line.startsWith("reading ")) {
            consumed = true;
        }
        if (line.endsWith(": SENT")) {
            backoff = FIRST_BACKOFF;
        }
    }

    /** Notices the server's exit, and restarts it once its backoff is over. */
    void check(LocalServices services, Instant now) throws Exception {
        if (stopped.isPresent()) {
            if (!now.isBefore(restartAt)) {
                services.restartMessageServer();
                out.println("message-server: started again (delivery stopped: " + stopped.get() + ")");
                stopped = Optional.empty();
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
            return;
        }
        Optional<String> exit = services.messageServerExit();
        if (exit.isEmpty()) {
            return;
        }
        if (!consumed) {
            throw new IllegalStateException("the message server stopped: " + exit.get());
        }
        stopped = exit;
        restartAt = now.plus(backoff);
        out.println("message-server: DELIVERY STOPPED: " + exit.get() + "; crawl and load go on, the server starts "
                + "again in " + backoff.toSeconds() + " s");
    }

    /** Why delivery is stopped, while it is: the run says so once per slot. */
    Optional<String> stopped() {
        return stopped;
    }
}
