package io.realtimetrend.testing;

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
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** A real Kafka broker (KRaft, one combined node) on loopback, started by the test. */
public final class KafkaBroker implements AutoCloseable {

    private final KafkaClusterTestKit cluster;

    private KafkaBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** Starts a broker with auto-created single-partition topics. */
    public static KafkaBroker start() throws Exception {
        return start(SecurityProtocol.PLAINTEXT);
    }

    /**
     * Starts a broker whose clients must authenticate with SASL/PLAIN (the test kit's JAAS users; its authorizer
     * lets the super user {@code plain-admin}/{@code plain-admin-secret} write any topic).
     */
    public static KafkaBroker startSaslPlain() throws Exception {
        return start(SecurityProtocol.SASL_PLAINTEXT);
    }

    private static KafkaBroker start(SecurityProtocol protocol) throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder().setCombined(protocol == SecurityProtocol.PLAINTEXT)
                .setBrokerSecurityProtocol(protocol)
                .setNumBrokerNodes(1).setNumControllerNodes(1).build();
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("num.partitions", "1")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("auto.create.topics.enable", "true")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return new KafkaBroker(cluster);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Every record of {@code topic} from the beginning to its current end (none when the topic does not exist). */
    public List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        Properties props = new Properties();
        props.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
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
    public void close() throws Exception {
        cluster.close();
    }
}
