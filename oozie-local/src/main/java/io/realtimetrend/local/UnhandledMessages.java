package io.realtimetrend.local;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The live run's count of trend messages published (a workflow that SUCCEEDED published its window's message) and
 * not yet handled by the message server (its line {@code … key <window end>: <outcome>}), per window. The two are
 * seen in either order: the server may handle a message before the run sees its workflow's end. An outcome counts
 * against its window whichever run published it, so a message of an earlier run, handled after a restart, can make
 * the end at {@code --to} skip the wait for this run's message of the same window: that one is then read again at
 * the next start (the server's state keeps it from being sent twice).
 */
final class UnhandledMessages {

    /** The start of the rest of a line whose message was committed: an outcome, or the dead-letter topic. */
    private static final Pattern HANDLED =
            Pattern.compile("(SENT|ALREADY_SENT|STALE|SAME_RANKING|QUIET_HOURS|IN_DOUBT)\\b|dead-lettered");

    private final Map<String, Integer> balance = new HashMap<>();

    /** A workflow published the message of window {@code key}. */
    void published(String key) {
        balance.merge(Objects.requireNonNull(key, "key is null"), 1, Integer::sum);
    }

    /**
     * A line of the message server: counts it if it is a message's outcome that commits it (not a failure that leaves
     * it uncommitted, {@code …; nothing committed, pausing …}).
     */
    void serverSaid(String line) {
        int at = line.indexOf(" key ");
        int end = at < 0 ? -1 : line.indexOf(": ", at);
        if (end >= 0 && HANDLED.matcher(line.substring(end + 2)).lookingAt()) {
            balance.merge(line.substring(at + " key ".length(), end), -1, Integer::sum);
        }
    }

    /** A window whose message is published and not handled yet, if there is one. */
    Optional<String> pending() {
        return balance.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).sorted().findFirst();
    }
}
