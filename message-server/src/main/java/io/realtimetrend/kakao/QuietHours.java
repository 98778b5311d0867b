package io.realtimetrend.kakao;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/** A daily range of local time ({@code 01:00-07:00}, may wrap midnight) in which no message is sent. */
public record QuietHours(LocalTime start, LocalTime end) {

    public QuietHours {
        Objects.requireNonNull(start, "start is null");
        Objects.requireNonNull(end, "end is null");
        if (start.equals(end)) {
            throw new IllegalArgumentException("quiet hours " + start + "-" + end
                    + " are empty: start and end must differ (e.g. 01:00-07:00)");
        }
    }

    /** Parses {@code HH:mm-HH:mm}. */
    public static QuietHours parse(String range) {
        String[] parts = range.split("-");
        try {
            if (parts.length == 2) {
                return new QuietHours(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()));
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new IllegalArgumentException("quiet hours must look like 01:00-07:00: '" + range + "'");
    }

    /** Whether {@code time} lies in [start, end). */
    public boolean contains(LocalTime time) {
        if (start.isBefore(end)) {
            return !time.isBefore(start) && time.isBefore(end);
        }
        return !time.isBefore(start) || time.isBefore(end);
    }
}
