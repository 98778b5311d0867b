package io.realtimetrend.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaClientPropertiesTest {

    private static Properties properties(String... keyValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    @Test
    void laterSourcesWinAndThePrefixIsDropped() {
        Map<String, String> merged = KafkaClientProperties.merge(
                properties("kafka.client.id", "system", "kafka.linger.ms", "5", "java.version", "ignored"),
                properties("kafka.client.id", "file", "compression.type", "lz4"),
                Map.of("compression.type", "gzip"));

        assertThat(merged).containsExactlyInAnyOrderEntriesOf(
                Map.of("client.id", "file", "linger.ms", "5", "compression.type", "gzip"));
    }

    @Test
    void secretsAreTakenOnlyFromTheFile() {
        String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required;";

        assertThat(KafkaClientProperties.merge(new Properties(), properties("kafka.sasl.jaas.config", jaas), Map.of()))
                .containsEntry("sasl.jaas.config", jaas);
        assertThatThrownBy(() -> KafkaClientProperties.merge(new Properties(), new Properties(),
                Map.of("sasl.jaas.config", jaas)))
                .hasMessage("sasl.jaas.config is a secret: put it in the file named by --kafka-properties, "
                        + "not on a command line");
        assertThatThrownBy(() -> KafkaClientProperties.merge(properties("kafka.ssl.key.password", "x"),
                new Properties(), Map.of()))
                .hasMessageStartingWith("ssl.key.password is a secret");
    }
}
