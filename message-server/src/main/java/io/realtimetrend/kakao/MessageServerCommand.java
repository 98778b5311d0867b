package io.realtimetrend.kakao;

import io.realtimetrend.contract.CommandLines;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bin/realtime-trend message-server}: the long-lived KakaoTalk sender. Stops cleanly on SIGTERM. */
@Command(name = "message-server", mixinStandardHelpOptions = true,
        description = "Consumes the hourly trend messages and sends each as a KakaoTalk \"send to me\" message.")
public final class MessageServerCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", required = true, description = "Kafka brokers, HOST:PORT[,HOST:PORT].")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = "recent_topics", description = "Topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--group", defaultValue = "kakao_message_server", description = "Consumer group (default: ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--dlq-topic", description = "Dead-letter topic (default: <topic>.dlq).")
    String dlqTopic;

    @Option(names = "--state-dir", defaultValue = "${sys:user.home}/.realtime-trend/message-server", description = "Tokens and delivery state (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--token-file", description = "Kakao tokens JSON {access_token, refresh_token}, mode 600 (default: <state-dir>/tokens.json).")
    Path tokenFile;

    @Option(names = "--rest-api-key-file", description = "File holding the app's REST API key (client_id of the token refresh).")
    Path restApiKeyFile;

    @Option(names = "--client-secret-file", description = "File holding the app's client secret, when the app requires one.")
    Path clientSecretFile;

    @Option(names = "--api-base", defaultValue = "https://kapi.kakao.com", description = "Kakao API (default: ${DEFAULT-VALUE}).")
    URI apiBase;

    @Option(names = "--auth-base", defaultValue = "https://kauth.kakao.com", description = "Kakao auth (default: ${DEFAULT-VALUE}).")
    URI authBase;

    @Option(names = "--link-url", defaultValue = "https://signal.bz/", description = "Where the message's link points (default: ${DEFAULT-VALUE}).")
    String linkUrl;

    @Option(names = "--every-window", description = "Send every window, also when its ranking equals the last one sent.")
    boolean everyWindow;

    @Option(names = "--quiet-hours", description = "Local time range without messages, e.g. 01:00-07:00.")
    String quietHours;

    @Option(names = "--timezone", defaultValue = "Asia/Seoul", description = "Zone of quiet hours (default: ${DEFAULT-VALUE}).")
    ZoneId timezone;

    @Option(names = "--dry-run", description = "Print the template instead of calling Kakao.")
    boolean dryRun;

    @Option(names = "--kafka-properties", description = "Properties file of consumer/producer settings (SASL/SSL secrets).")
    Path kafkaProperties;

    @Option(names = "--retry-wait", defaultValue = "PT1S", description = "First wait between retries of a 5xx/timeout (default: ${DEFAULT-VALUE}).")
    Duration retryWait;

    @Option(names = "--pause-after-failure", defaultValue = "PT30S", description = "Pause before retrying a message Kakao could not take (default: ${DEFAULT-VALUE}).")
    Duration pauseAfterFailure;

    public static void main(String[] args) {
        System.exit(CommandLines.execute(new MessageServerCommand(), args));
    }

    @Override
    public Integer call() throws Exception {
        MessageServer server = build();
        Thread loop = new Thread(server, "message-server");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "message-server-shutdown"));
        loop.start();
        loop.join();
        if (server.fatal() != null) {
            throw server.fatal();
        }
        return 0;
    }

    /** The server with its Kafka clients, Kakao client and state, as configured; it logs to stderr. */
    public MessageServer build() throws IOException {
        return buildWithLog(line -> System.err.println(line));
    }

    /** As {@link #build()}, logging each message's outcome to {@code log}. */
    public MessageServer buildWithLog(java.util.function.Consumer<String> log) throws IOException {
        Map<String, Object> common = new LinkedHashMap<>(kafkaProperties());
        common.put("bootstrap.servers", bootstrapServers);
        Map<String, Object> consumerConfig = new LinkedHashMap<>(common);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "20");
        Map<String, Object> producerConfig = new LinkedHashMap<>(common);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");

        Path tokens = tokenFile != null ? tokenFile : stateDir.resolve("tokens.json");
        KakaoApi api = new KakaoApi(apiBase, authBase, readOptional(restApiKeyFile).orElse(""),
                readOptional(clientSecretFile), Duration.ofSeconds(10));
        Deliverer.Settings settings = new Deliverer.Settings(linkUrl, everyWindow,
                Optional.ofNullable(quietHours).map(QuietHours::parse), timezone, 3, retryWait, dryRun);
        Deliverer deliverer = new Deliverer(api, new TokenFile(tokens), DeliveryState.load(stateDir.resolve("state.json")),
                settings, Clock.systemUTC(), System.out);
        return new MessageServer(
                new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer()),
                new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer()),
                topic, dlqTopic != null ? dlqTopic : topic + ".dlq", deliverer, pauseAfterFailure, log);
    }

    private Map<String, String> kafkaProperties() throws IOException {
        Map<String, String> config = new LinkedHashMap<>();
        if (kafkaProperties != null) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(kafkaProperties)) {
                properties.load(in);
            }
            properties.stringPropertyNames().forEach(key ->
                    config.put(key.startsWith("kafka.") ? key.substring(6) : key, properties.getProperty(key)));
        }
        return config;
    }

    private static Optional<String> readOptional(Path file) throws IOException {
        return file == null ? Optional.empty() : Optional.of(SecretFiles.readLine(file));
    }
}
