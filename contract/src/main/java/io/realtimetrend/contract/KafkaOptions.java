package io.realtimetrend.contract;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * The Kafka options of every command that talks to the trend topic, declared once (a picocli {@code @Mixin}):
 * {@code --bootstrap-servers}, {@code --topic}, {@code --kafka-properties} (the only place for secrets) and
 * {@code --kafka KEY=VALUE}, merged by {@link KafkaClientProperties}. Used by the publish action and the message
 * server.
 */
public final class KafkaOptions {

    /** Opens the properties file named by {@code --kafka-properties}: a local path, or a Hadoop URI for an action. */
    @FunctionalInterface
    public interface FileOpener {
        InputStream open(String location) throws IOException;
    }

    @Option(names = "--bootstrap-servers", required = true, description = "Kafka brokers, HOST:PORT[,HOST:PORT].") private String bootstrapServers;

    @Option(names = "--topic", defaultValue = TrendMessageFormat.DEFAULT_TOPIC,
            description = "Topic of the trend messages (default: ${DEFAULT-VALUE}).")
    private String topic;

    @Option(names = KafkaClientProperties.FILE_OPTION, description = "Properties file of Kafka client settings, "
            + "secrets included (SASL/SSL); keys plain or 'kafka.'-prefixed. Empty or 'none': none.")
    private String propertiesFile;

    @Option(names = "--kafka", description = "A Kafka client property KEY=VALUE (repeatable; no secrets: those go in "
            + KafkaClientProperties.FILE_OPTION + ").")
    private Map<String, String> commandLine = new LinkedHashMap<>();

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String topic() {
        return topic;
    }

    /**
     * The client properties without {@code bootstrap.servers}: {@code kafka.*} system properties (Oozie
     * {@code <java-opts>}), then the properties file opened by {@code opener}, then {@code --kafka}.
     *
     * @throws IllegalArgumentException when a secret is given anywhere but the file
     */
    public Map<String, String> clientProperties(FileOpener opener) throws IOException {
        Objects.requireNonNull(opener, "opener is null");
        Properties file = new Properties();
        if (propertiesFile != null && !propertiesFile.isBlank() && !propertiesFile.equalsIgnoreCase("none")) {
            try (InputStream in = opener.open(propertiesFile)) {
                file.load(in);
            }
        }
        return KafkaClientProperties.merge(System.getProperties(), file, commandLine);
    }
}
