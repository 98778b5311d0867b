package io.realtimetrend.localkafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * {@code LocalKafkaMain <dir>}: one combined KRaft broker/controller on 127.0.0.1 with its logs under {@code dir};
 * prints {@code ready <bootstrap servers>} once it takes requests and runs until killed (SIGTERM closes it).
 */
public final class LocalKafkaMain {

    private LocalKafkaMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "local-kafka"));
        TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                .setNumControllerNodes(1).setBaseDirectory(dir).build();
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("num.partitions", "1")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                cluster.close();
            } catch (Exception ignored) {
                // the process is ending
            }
            stopped.countDown();
        }, "local-kafka-shutdown"));
        System.out.println("ready " + cluster.bootstrapServers());
        System.out.flush();
        stopped.await();
    }
}
