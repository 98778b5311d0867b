package io.realtimetrend.localkafka;

import io.realtimetrend.contract.LoopbackPort;
import io.realtimetrend.contract.ServiceReady;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * {@code LocalKafkaMain <dir> [port]}: one combined KRaft broker/controller whose listeners are bound to 127.0.0.1
 * only (the broker on {@code port}, default a free one), with its configuration and logs under {@code dir}
 * (formatted on first start, kept across restarts); prints {@code ready <bootstrap servers>} once it takes requests
 * and runs until killed (SIGTERM shuts it down cleanly).
 */
public final class LocalKafkaMain {

    private LocalKafkaMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "local-kafka")).toAbsolutePath();
        int brokerPort = args.length > 1 ? Integer.parseInt(args[1]) : LoopbackPort.free();
        int controllerPort = LoopbackPort.free();
        Properties config = config(dir, brokerPort, controllerPort);
        Path file = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            config.store(out, "local-kafka: written at each start");
        }
        if (!Files.exists(dir.resolve("logs/meta.properties"))) {
            int formatted = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
                    file.toString(), "--ignore-formatted"}, new PrintStream(OutputStream.nullOutputStream()));
            if (formatted != 0) {
                throw new IOException("formatting " + dir.resolve("logs") + " failed (exit " + formatted + ")");
            }
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
            stopped.countDown();
        }, "local-kafka-shutdown"));
        server.startup();
        String bootstrap = "127.0.0.1:" + brokerPort;
        awaitBroker(bootstrap, Duration.ofSeconds(60));
        System.out.println(ServiceReady.line(bootstrap));
        System.out.flush();
        stopped.await();
    }

    /** A single-node cluster for one machine: loopback listeners, replication factor 1, no initial rebalance delay. */
    static Properties config(Path dir, int brokerPort, int controllerPort) {
        Properties config = new Properties();
        config.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("log.dirs", dir.resolve("logs").toString()),
                Map.entry("num.partitions", "1"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("auto.create.topics.enable", "true")));
        return config;
    }

    private static void awaitBroker(String bootstrap, Duration timeout) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

}
