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
 * that makes at-least-once delivery send a window once), the last ranking sent and whether quiet hours held a
 * message back. Saved atomically before the Kafka offset is committed.
 */
public final class DeliveryState {

    /** Keys remembered; a week of 10-minute windows. */
    static final int REMEMBERED_KEYS = 7 * 144;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The file's content. */
    record Snapshot(@JsonProperty("sent_keys") List<String> sentKeys,
                    @JsonProperty("last_keywords") List<String> lastKeywords,
                    @JsonProperty("held_in_quiet_hours") boolean heldInQuietHours) {
    }

    private final Path file;
    private final List<String> sentKeys;
    private List<String> lastKeywords;
    private boolean heldInQuietHours;

    private DeliveryState(Path file, Snapshot snapshot) {
        this.file = file;
        this.sentKeys = new ArrayList<>(snapshot.sentKeys() == null ? List.of() : snapshot.sentKeys());
        this.lastKeywords = snapshot.lastKeywords() == null ? List.of() : List.copyOf(snapshot.lastKeywords());
        this.heldInQuietHours = snapshot.heldInQuietHours();
    }

    /** Loads the state, or starts empty when the file does not exist yet. */
    public static DeliveryState load(Path file) throws IOException {
        Objects.requireNonNull(file, "file is null");
        Snapshot snapshot = Files.exists(file) ? JSON.readValue(file.toFile(), Snapshot.class)
                : new Snapshot(List.of(), List.of(), false);
        return new DeliveryState(file, snapshot);
    }

    public boolean alreadySent(String key) {
        return key != null && sentKeys.contains(key);
    }

    public List<String> lastKeywords() {
        return lastKeywords;
    }

    public boolean heldInQuietHours() {
        return heldInQuietHours;
    }

    /** Records a sent message and saves. */
    public void sent(String key, List<String> keywords) throws IOException {
        if (key != null) {
            sentKeys.add(key);
            while (sentKeys.size() > REMEMBERED_KEYS) {
                sentKeys.remove(0);
            }
        }
        lastKeywords = List.copyOf(keywords);
        heldInQuietHours = false;
        save();
    }

    /** Records that quiet hours held a message back, so the first one after them is sent, and saves. */
    public void heldBack() throws IOException {
        heldInQuietHours = true;
        save();
    }

    private void save() throws IOException {
        SecretFiles.write(file, JSON.writeValueAsBytes(new Snapshot(sentKeys, lastKeywords, heldInQuietHours)));
    }
}
