package io.realtimetrend.contract;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import picocli.CommandLine;

/**
 * Reads {@code --timezone} for the pipeline's stages and local mode: a zone whose UTC offset has not changed since
 * 2000 and will not change (Asia/Seoul, UTC, a fixed offset such as {@code +01:00}). In a zone with daylight saving
 * the repeated hour at fall-back would give two slots one file name and one partition, and a window across a change
 * would count the wrong snapshots; such a zone is refused at start, naming the fix.
 */
public final class PipelineZone implements CommandLine.ITypeConverter<ZoneId> {

    private static final Instant SINCE = Instant.parse("2000-01-01T00:00:00Z");

    @Override
    public ZoneId convert(String value) {
        try {
            return require(ZoneId.of(value.trim()));
        } catch (DateTimeException | IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /** {@code zone}, when its UTC offset never changes from 2000 on. */
    public static ZoneId require(ZoneId zone) {
        Objects.requireNonNull(zone, "zone is null");
        if (zone.getRules().nextTransition(SINCE) != null) {
            throw new IllegalArgumentException(zone + " changes its UTC offset (daylight saving): a repeated or skipped "
                    + "hour would give two slots one file name or count the wrong snapshots; use a zone without offset "
                    + "changes (Asia/Seoul, UTC) or a fixed offset such as +01:00");
        }
        return zone;
    }
}
