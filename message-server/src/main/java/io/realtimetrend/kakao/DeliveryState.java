package io.realtimetrend.kakao;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the server remembers across restarts, kept beside the tokens: the keys already sent (the dedupe record
 * that makes at-least-once delivery send a window once), the keys whose send was started and never answered (in
 * doubt: never sent again), the last ranking sent and whether quiet hours held a message back. Saved atomically
 * before each send and before the Kafka offset is committed.
 */
public final class DeliveryState {

    /** Keys remembered; a week of 10-minute windows. */
    static final int REMEMBERED_KEYS = 7 * 144;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The file's content. */
    record Snapshot(@JsonProperty("sent_keys") List<String> sentKeys,
                    @JsonProperty("in_doubt_keys") List<String> inDoubtKeys,
                    @JsonProperty("last_keywords") List<String> lastKeywords,
                    @JsonProperty("held_in_quiet_hours") boolean heldInQuietHours) {
    }

    private final Path file;
    private final List<String> sentKeys;
    private final List<String> inDoubtKeys;
    private List<String> lastKeywords;
    private boolean heldInQuietHours;

    private DeliveryState(Path file, Snapshot snapshot) {
        this.file = file;
        this.sentKeys = new ArrayList<>(snapshot.sentKeys() == null ? List.of() : snapshot.sentKeys());
        this.inDoubtKeys = new ArrayList<>(snapshot.inDoubtKeys() == null ? List.of() : snapshot.inDoubtKeys());
        this.lastKeywords = snapshot.lastKeywords() == null ? List.of() : List.copyOf(snapshot.lastKeywords());
        this.heldInQuietHours = snapshot.heldInQuietHours();
    }

    /** Loads the state, or starts empty when the file does not exist yet. */
    public static DeliveryState load(Path file) throws IOException {
        Objects.requireNonNull(file, "file is null");
        Snapshot snapshot = Files.exists(file) ? JSON.readValue(file.toFile(), Snapshot.class)
                : new Snapshot(List.of(), List.of(), List.of(), false);
        return new DeliveryState(file, snapshot);
    }

    public boolean alreadySent(String key) {
        return key != null && sentKeys.contains(key);
    }

    /** Whether a send of {@code key} was started and never answered. */
    public boolean inDoubt(String key) {
        return key != null && inDoubtKeys.contains(key);
    }

    public List<String> lastKeywords() {
        return lastKeywords;
    }

    public boolean heldInQuietHours() {
        return heldInQuietHours;
    }

    /** Records, before the call, that {@code key} is being sent: until {@link #sent} or {@link #notSent} it is in doubt. */
    public void sending(String key) throws IOException {
        if (key != null) {
            remember(inDoubtKeys, key);
            save();
        }
    }

    /** Records that the send of {@code key} certainly did not deliver it (a definite refusal or error). */
    public void notSent(String key) throws IOException {
        if (key != null && inDoubtKeys.remove(key)) {
            save();
        }
    }

    /** Records a sent message and saves. */
    public void sent(String key, List<String> keywords) throws IOException {
        if (key != null) {
            inDoubtKeys.remove(key);
            remember(sentKeys, key);
        }
        lastKeywords = List.copyOf(keywords);
        heldInQuietHours = false;
        save();
    }

    private static void remember(List<String> keys, String key) {
        keys.add(key);
        while (keys.size() > REMEMBERED_KEYS) {
            keys.remove(0);
        }
    }

    /** Records that quiet hours held a message back, so the first one after them is sent, and saves. */
    public void heldBack() throws IOException {
        heldInQuietHours = true;
        save();
    }

    private void save() throws IOException {
        SecretFiles.write(file, JSON.writeValueAsBytes(new Snapshot(sentKeys, inDoubtKeys, lastKeywords, heldInQuietHours)));
    }
}
