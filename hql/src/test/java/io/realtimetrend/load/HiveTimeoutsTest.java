package io.realtimetrend.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The socket timeout goes where Hive's driver reads session variables, and a URL's own is kept. */
class HiveTimeoutsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "jdbc:hive2://h:10000/default | jdbc:hive2://h:10000/default;socketTimeout=60000",
        "jdbc:hive2://h:10000 | jdbc:hive2://h:10000/;socketTimeout=60000",
        "jdbc:hive2://h:10000/db;ssl=true?hive.exec.parallel=true#x=1 | jdbc:hive2://h:10000/db;ssl=true;socketTimeout=60000?hive.exec.parallel=true#x=1",
        "jdbc:hive2://h:10000/db;socketTimeout=5000 | jdbc:hive2://h:10000/db;socketTimeout=5000",
    })
    void theSocketTimeoutIsASessionVariable(String url, String expected) {
        assertThat(HiveTimeouts.withSocketTimeout(url, Duration.ofMinutes(1))).isEqualTo(expected);
    }
}
