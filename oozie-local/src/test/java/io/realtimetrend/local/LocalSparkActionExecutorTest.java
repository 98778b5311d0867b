package io.realtimetrend.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalSparkActionExecutorTest {

    @Test
    void theConfsOfSparkOptsAreKeptAndALaterOneWins() {
        assertThat(LocalSparkActionExecutor.confs(" --conf spark.hadoop.hive.metastore.uris=thrift://127.0.0.1:9083 "
                + "--conf spark.sql.hive.metastore.jars.path=file:///x/* --executor-memory 1g --conf a=1=2 "
                + "--num-executors 1 --conf spark.sql.shuffle.partitions=8 --conf spark.sql.shuffle.partitions=4"))
                .containsExactly(Map.entry("spark.hadoop.hive.metastore.uris", "thrift://127.0.0.1:9083"),
                        Map.entry("spark.sql.hive.metastore.jars.path", "file:///x/*"), Map.entry("a", "1=2"),
                        Map.entry("spark.sql.shuffle.partitions", "4"));
        assertThat(LocalSparkActionExecutor.confs(null)).isEmpty();
        assertThat(LocalSparkActionExecutor.confs("--conf")).isEmpty();
    }
}
