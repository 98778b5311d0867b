package io.realtimetrend.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlotTest {

    private final DataLayout layout = new DataLayout("hdfs://nn:8020/data/rt/");

    @Test
    void oozieNominalTimeIsTruncatedToItsTenMinuteSlotInKst() {
        Slot slot = Slot.of(TimeFormats.parseInstant("2026-11-26T09:17Z"), TimeFormats.DEFAULT_ZONE);

        assertThat(slot.text()).isEqualTo("2026-11-26 18:10:00");
        assertThat(layout.snapshotFile(slot))
                .isEqualTo("hdfs://nn:8020/data/rt/raw/dt=2026-11-26/hr=18/202611261810.csv");
    }

    @Test
    void utcFifteenHundredIsTheNextKstDay() {
        Slot slot = Slot.of(Instant.parse("2026-11-26T15:00:00Z"), TimeFormats.DEFAULT_ZONE);

        assertThat(slot.dt()).isEqualTo("2026-11-27");
        assertThat(slot.hr()).isEqualTo("00");
        assertThat(layout.rawHourDir(slot)).endsWith("/raw/dt=2026-11-27/hr=00");
    }

    @Test
    void localTimeWithOffsetAndInstantNameTheSameSlot() {
        assertThat(TimeFormats.parseInstant("2026-11-26T18:10:00+09:00"))
                .isEqualTo(TimeFormats.parseInstant("2026-11-26T09:10:00Z"));
    }

    @Test
    void unparseableNominalTimeNamesItself() {
        assertThatThrownBy(() -> TimeFormats.parseInstant("yesterday"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'yesterday'");
    }

    @Test
    void plainDataRootBecomesAnAbsoluteFileUriAndUrisStayAsGiven() {
        assertThat(DataLayout.of("local-data").dataRoot()).startsWith("file:///").endsWith("/local-data");
        assertThat(DataLayout.of("hdfs://nn:8020/data/").dataRoot()).isEqualTo("hdfs://nn:8020/data");
    }

    @Test
    void localLocationsArePrintedAsPlainPaths() {
        assertThat(DataLayout.display("file:/tmp/data/raw/x.csv")).isEqualTo("/tmp/data/raw/x.csv");
        assertThat(DataLayout.display("file:///tmp/data/raw/x.csv")).isEqualTo("/tmp/data/raw/x.csv");
        assertThat(DataLayout.display("hdfs://nn:8020/data/x.csv")).isEqualTo("hdfs://nn:8020/data/x.csv");
    }

    @Test
    void trendsDirectoryIsNamedByWindowEnd() {
        Slot slot = Slot.of(Instant.parse("2026-11-26T09:10:00Z"), TimeFormats.DEFAULT_ZONE);

        assertThat(layout.trendsFile(slot.start()))
                .isEqualTo("hdfs://nn:8020/data/rt/trends/window_end=202611261810/trends.csv");
        assertThat(TimeFormats.iso(slot.start())).isEqualTo("2026-11-26T18:10:00+09:00");
    }
}
