package io.realtimetrend.contract;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The contract's time texts: Hive timestamps, ISO-8601 keys and the nominal times operators type. */
public final class TimeFormats {

    /** The pipeline's default timezone (the {@code timezone} property): the site's audience is in Korea. */
    public static final String DEFAULT_ZONE_ID = "Asia/Seoul";

    /** {@link #DEFAULT_ZONE_ID} as a zone. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of(DEFAULT_ZONE_ID);

    private static final DateTimeFormatter HIVE_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private TimeFormats() {
    }

    /** {@code yyyy-MM-dd HH:mm:ss} in the time's own zone (Hive TIMESTAMP text). */
    public static String text(ZonedDateTime time) {
        return HIVE_TIMESTAMP.format(time);
    }

    /** ISO-8601 with offset and seconds, e.g. {@code 2026-11-26T18:10:00+09:00}: the Kafka key of a window. */
    public static String iso(ZonedDateTime time) {
        return ISO_SECONDS.format(time.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * Parses a nominal time as Oozie passes it ({@code 2026-11-26T09:10Z}) or as an operator types it
     * ({@code 2026-11-26T09:10:00Z}, {@code 2026-11-26T18:10:00+09:00}).
     *
     * @throws IllegalArgumentException naming the text when it is neither
     */
    public static Instant parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "not an ISO-8601 instant or local time with offset: '" + text + "' (e.g. 2026-11-26T18:10:00+09:00)", e);
        }
    }
}
