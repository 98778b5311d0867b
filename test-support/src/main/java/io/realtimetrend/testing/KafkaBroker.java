package io.realtimetrend.testing;

import io.realtimetrend.contract.LoopbackPort;
import io.realtimetrend.localkafka.LocalKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The broker local mode runs ({@link LocalKafka}: KRaft, one combined node on 127.0.0.1), in the test's JVM, its
 * configuration and logs in a directory the test gives (a {@code @TempDir}).
 */
public final class KafkaBroker implements AutoCloseable {

    /** The SASL/PLAIN user {@link #startSaslPlain()} accepts. */
    public static final String SASL_USER = "plain-admin";
    /** That user's password. */
    public static final String SASL_PASSWORD = "plain-admin-secret";

    private final LocalKafka kafka;
    private final String bootstrapServers;

    private KafkaBroker(LocalKafka kafka, String bootstrapServers) {
        this.kafka = kafka;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts a broker under {@code dir} with auto-created single-partition topics. */
    public static KafkaBroker start(Path dir) throws Exception {
        LocalKafka kafka = LocalKafka.start(dir, LoopbackPort.free(), LoopbackPort.free(), Map.of());
        return new KafkaBroker(kafka, kafka.bootstrapServers());
    }

    /**
     * Starts a broker under {@code dir} with a second listener whose clients must authenticate with SASL/PLAIN as
     * {@link #SASL_USER}/{@link #SASL_PASSWORD}; {@link #bootstrapServers()} is that listener.
     */
    public static KafkaBroker startSaslPlain(Path dir) throws Exception {
        int plain = LoopbackPort.free();
        int sasl = LoopbackPort.free();
        int controller = LoopbackPort.free();
        LocalKafka kafka = LocalKafka.start(dir, plain, controller, Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:" + plain + ",SASL_PLAINTEXT://127.0.0.1:" + sasl
                        + ",CONTROLLER://127.0.0.1:" + controller,
                "advertised.listeners", "PLAINTEXT://127.0.0.1:" + plain + ",SASL_PLAINTEXT://127.0.0.1:" + sasl,
                "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT",
                "sasl.enabled.mechanisms", "PLAIN",
                "listener.name.sasl_plaintext.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + SASL_USER
                        + "\" password=\"" + SASL_PASSWORD + "\" user_" + SASL_USER + "=\"" + SASL_PASSWORD + "\";"));
        return new KafkaBroker(kafka, "127.0.0.1:" + sasl);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Every record of {@code topic} from the beginning to its current end (none when the topic does not exist). */
    public List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        Properties props = new Properties();
        props.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false"));
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.listTopics(Duration.ofSeconds(10)).getOrDefault(topic, List.of())
                    .stream().map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    @Override
    public void close() {
        kafka.close();
    }
}
