package io.realtimetrend.publish;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The producer's configuration: what the contract fixes (idempotent, {@code acks=all}, bounded delivery) plus any
 * Kafka producer property passed through (see {@link io.realtimetrend.contract.KafkaClientProperties}), SASL/SSL
 * included.
 *
 * @param bootstrapServers broker list
 * @param timeout          bound on the whole send: metadata wait, delivery and acknowledgement
 * @param passThrough      extra producer properties, keys without prefix (applied before the fixed ones)
 */
public record ProducerSettings(String bootstrapServers, Duration timeout, Map<String, String> passThrough) {

    public ProducerSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers is null");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers are empty");
        }
        Objects.requireNonNull(timeout, "timeout is null");
        passThrough = Map.copyOf(passThrough);
    }

    /** The producer properties. */
    public Properties toProperties() {
        Map<String, Object> config = new TreeMap<>(passThrough);
        long total = Math.max(timeout.toMillis(), 1000);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(total));
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(total / 2));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(total));
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "realtime-trend-publish");
        Properties properties = new Properties();
        properties.putAll(config);
        return properties;
    }
}
