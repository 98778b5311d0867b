package io.realtimetrend.kakao;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimetrend.contract.TrendMessageFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server needs of one Kafka message (docs/contract.md section 4, {@code schema_version} 1, or the original
 * pipeline's {@code {"text","output_path"}}): its key, window end (the record's timestamp when the message has
 * none), ranked keywords and text.
 */
public record TrendNotice(String key, ZonedDateTime windowEnd, List<String> keywords, String text) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public TrendNotice {
        Objects.requireNonNull(windowEnd, "windowEnd is null");
        keywords = List.copyOf(keywords);
        Objects.requireNonNull(text, "text is null");
    }

    /** Parses a record's value, or says why it can never be sent. */
    public static TrendNotice parse(String key, byte[] value, Instant published) throws UndeliverableException {
        JsonNode root;
        try {
            root = JSON.readTree(value == null ? new byte[0] : value);
        } catch (JsonProcessingException e) {
            throw new UndeliverableException("invalid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new UndeliverableException("unreadable value: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new UndeliverableException("invalid JSON: not an object: "
                    + new String(value == null ? new byte[0] : value, StandardCharsets.UTF_8));
        }
        if (root.has("schema_version") && root.get("schema_version").asInt(-1) != TrendMessageFormat.SCHEMA_VERSION) {
            throw new UndeliverableException("unknown schema_version " + root.get("schema_version")
                    + " (this server understands " + TrendMessageFormat.SCHEMA_VERSION + ")");
        }
        String text = root.path("text").asText("");
        if (text.isBlank()) {
            throw new UndeliverableException("message has no text");
        }
        List<String> keywords = new ArrayList<>();
        if (root.path("items").isArray()) {
            root.get("items").forEach(item -> keywords.add(item.path("keyword").asText("")));
        } else {
            text.lines().skip(2).forEach(line -> keywords.add(line.strip()));
        }
        return new TrendNotice(key, windowEnd(root).orElse(published.atZone(ZoneOffset.UTC)), keywords, text);
    }

    private static Optional<ZonedDateTime> windowEnd(JsonNode root) throws UndeliverableException {
        if (!root.hasNonNull("window_end")) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(root.get("window_end").asText()).toZonedDateTime());
        } catch (DateTimeParseException e) {
            throw new UndeliverableException("window_end is not ISO-8601: " + root.get("window_end").asText());
        }
    }
}
