package io.realtimetrend.localkafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * One combined KRaft broker/controller for one machine, every listener bound to 127.0.0.1: its configuration
 * ({@code server.properties}) and logs under one directory, formatted on first start and kept across restarts.
 * Local mode runs it in a JVM of its own ({@link LocalKafkaMain}); the tests start it in theirs.
 */
public final class LocalKafka implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final int brokerPort;

    private LocalKafka(KafkaRaftServer server, int brokerPort) {
        this.server = server;
        this.brokerPort = brokerPort;
    }

    /**
     * Starts the broker under {@code dir}, its PLAINTEXT listener on {@code brokerPort} and its controller on
     * {@code controllerPort}, with {@code overrides} over the single-node settings of {@link #config}, and returns
     * once it answers a client on {@code brokerPort}.
     */
    public static LocalKafka start(Path dir, int brokerPort, int controllerPort, Map<String, String> overrides)
            throws Exception {
        Objects.requireNonNull(overrides, "overrides is null");
        Path root = Files.createDirectories(dir).toAbsolutePath();
        Properties config = config(root, brokerPort, controllerPort);
        config.putAll(overrides);
        Path file = root.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            config.store(out, "local-kafka: written at each start");
        }
        if (!Files.exists(root.resolve("logs/meta.properties"))) {
            int formatted = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
                    file.toString(), "--ignore-formatted"}, new PrintStream(OutputStream.nullOutputStream()));
            if (formatted != 0) {
                throw new IOException("formatting " + root.resolve("logs") + " failed (exit " + formatted + ")");
            }
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        server.startup();
        LocalKafka kafka = new LocalKafka(server, brokerPort);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception notReady) {
            kafka.close();
            throw notReady;
        }
        return kafka;
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

    /** The PLAINTEXT listener's address. */
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** Shuts the broker down cleanly and waits until it has. */
    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
