package io.realtimetrend.kakao;

import io.realtimetrend.contract.CommandLines;
import io.realtimetrend.contract.KafkaOptions;
import io.realtimetrend.contract.TimeFormats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bin/realtime-trend message-server}: the long-lived KakaoTalk sender. Stops cleanly on SIGTERM. */
@Command(name = "message-server", mixinStandardHelpOptions = true,
        description = "Consumes the hourly trend messages and sends each as a KakaoTalk \"send to me\" message.")
public final class MessageServerCommand implements Callable<Integer> {

    @Mixin KafkaOptions kafka;

    @Mixin KakaoOptions kakao;

    @Option(names = "--group", description = "Consumer group (default: kakao_message_server; with --dry-run kakao_message_server_dry_run, so a dry run never moves the real group's offsets).") String group;
    @Option(names = "--dlq-topic", description = "Dead-letter topic (default: <topic>.dlq).") String dlqTopic;
    @Option(names = "--state-dir", description = "Tokens and delivery state (default: ~/.realtime-trend/message-server; with --dry-run ~/.realtime-trend/message-server-dry-run).") Path stateDir;
    @Option(names = "--every-window", description = "Send every window, also when its ranking equals the last one sent.") boolean everyWindow;
    @Option(names = "--quiet-hours", description = "Local time range without messages, e.g. 01:00-07:00.") String quietHours;
    @Option(names = "--timezone", defaultValue = TimeFormats.DEFAULT_ZONE_ID, description = "Zone of quiet hours (default: ${DEFAULT-VALUE}).") ZoneId timezone;
    @Option(names = "--pause-after-failure", defaultValue = "PT30S", description = "Pause before retrying a message Kakao could not take (default: ${DEFAULT-VALUE}).") Duration pauseAfterFailure;
    @Option(names = "--quota-pause", defaultValue = "PT1H", description = "Pause after Kakao's quota errors -10, -532, -533, -536 (default: ${DEFAULT-VALUE}).") Duration quotaPause;
    @Option(names = "--max-age", defaultValue = "PT2H", description = "Skip (commit as stale) a window that ended longer ago (default: ${DEFAULT-VALUE}).") Duration maxAge;
    @Option(names = "--from-beginning", description = "A new consumer group starts at the earliest offsets (default: the latest).") boolean fromBeginning;
    @Option(names = "--stop-timeout", defaultValue = "PT2M", description = "On SIGTERM, wait this long for the message in flight (default: ${DEFAULT-VALUE}; at least one delivery's worst case).") Duration stopTimeout;

    public static void main(String[] args) {
        System.exit(CommandLines.execute(new MessageServerCommand(), args));
    }

    @Override
    public Integer call() throws Exception {
        MessageServer server = build();
        Thread loop = new Thread(server, "message-server");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopOnSignal(server), "message-server-shutdown"));
        loop.start();
        loop.join();
        if (server.fatal() != null) {
            throw server.fatal();
        }
        return 0;
    }

    /**
     * SIGTERM/SIGINT: the message in flight finishes and is committed, then the JVM exits 0 (1 when the loop did not
     * end within {@code --stop-timeout}). After a normal end of the loop there is nothing to stop.
     */
    private void stopOnSignal(MessageServer server) {
        if (!server.isRunning()) {
            return;
        }
        boolean stopped;
        try {
            stopped = server.stop(stopTimeout);
        } catch (InterruptedException e) {
            stopped = false;
        }
        if (!stopped) {
            System.err.println("message-server failed: did not stop within " + stopTimeout.toSeconds() + " s");
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(stopped && server.fatal() == null ? 0 : 1);
    }

    /** The server with its Kafka clients, messenger and state, as configured; it logs to stderr. */
    public MessageServer build() throws IOException {
        return buildWithLog(line -> System.err.println(line));
    }

    /**
     * As {@link #build()}, logging each message's outcome to {@code log}. Secrets and settings are checked here,
     * before anything is consumed, so a setup mistake ends the start with the fix rather than the first send.
     */
    public MessageServer buildWithLog(java.util.function.Consumer<String> log) throws IOException {
        Path stateDir = stateDir();
        Map<String, Object> common = new LinkedHashMap<>(kafka.clientProperties(file -> {
            SecretFiles.checkPrivate(Path.of(file), "Kafka properties file");
            return Files.newInputStream(Path.of(file));
        }));
        common.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        Map<String, Object> consumerConfig = new LinkedHashMap<>(common);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, group());
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "20");
        Map<String, Object> producerConfig = new LinkedHashMap<>(common);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");

        Deliverer.Settings settings = new Deliverer.Settings(everyWindow,
                Optional.ofNullable(quietHours).map(QuietHours::parse), timezone, maxAge);
        Deliverer deliverer = new Deliverer(kakao.messenger(stateDir, stopTimeout), DeliveryState.load(stateDir.resolve("state.json")), settings,
                Clock.systemUTC());
        return new MessageServer(
                new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer()),
                new DeadLetterTopic(new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer()),
                        dlqTopic != null ? dlqTopic : kafka.topic() + ".dlq"),
                kafka.topic(), deliverer,
                new MessageServer.Pauses(pauseAfterFailure, quotaPause), Clock.systemUTC(), log);
    }

    /** {@code --group}, else the default: a dry run has a group of its own, so it never moves the real one's offsets. */
    String group() {
        return group != null ? group : kakao.dryRun() ? "kakao_message_server_dry_run" : "kakao_message_server";
    }

    /** {@code --state-dir}, else the default under the home directory (a dry run's own beside the real one). */
    Path stateDir() {
        return stateDir != null ? stateDir : Path.of(System.getProperty("user.home"), ".realtime-trend",
                kakao.dryRun() ? "message-server-dry-run" : "message-server");
    }
}
