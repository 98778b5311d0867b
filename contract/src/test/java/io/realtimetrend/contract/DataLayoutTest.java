package io.realtimetrend.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DataLayoutTest {

    @Test
    void aRootWithTheDefaultFilesystemsSchemeAndNoAuthorityTakesItsAuthority() {
        assertThat(DataLayout.of("hdfs:///data/realtime-trend/").on("hdfs://localhost:8020").dataRoot())
                .isEqualTo("hdfs://localhost:8020/data/realtime-trend");
        assertThat(DataLayout.of("hdfs:///data/realtime-trend").on("hdfs://nn:8020").trendsRoot())
                .isEqualTo("hdfs://nn:8020/data/realtime-trend/trends");
    }

    @Test
    void anyOtherRootStaysAsItIs() {
        assertThat(DataLayout.of("hdfs://other:9000/data").on("hdfs://nn:8020").dataRoot()).isEqualTo("hdfs://other:9000/data");
        assertThat(DataLayout.of("file:/tmp/data").on("hdfs://nn:8020").dataRoot()).isEqualTo("file:/tmp/data");
        assertThat(DataLayout.of("hdfs:///data").on("file:///").dataRoot()).isEqualTo("hdfs:///data");
    }
}
