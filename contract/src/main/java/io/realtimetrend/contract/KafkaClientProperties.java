package io.realtimetrend.contract;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The Kafka client settings every command passes through (docs/contract.md section 4): keys plain or
 * {@code kafka.}-prefixed, and secrets only from the properties file named by {@value #FILE_OPTION}, never from a
 * command line or a system property. Shared by the publish action and the message server.
 */
public final class KafkaClientProperties {

    /** Prefix of pass-through keys in job.properties, Java system properties and properties files. */
    public static final String PREFIX = "kafka.";

    /** The option naming the file secrets live in, for messages. */
    public static final String FILE_OPTION = "--kafka-properties";

    /** Keys that hold secrets: accepted only from the properties file. */
    public static final Set<String> SECRET_KEYS = Set.of("sasl.jaas.config", "ssl.key.password",
            "ssl.keystore.password", "ssl.truststore.password", "ssl.keystore.key", "basic.auth.user.info");

    private KafkaClientProperties() {
    }

    /**
     * The client properties, later sources winning: {@code kafka.*} keys of {@code systemProperties} (Oozie
     * {@code <java-opts>}), every key of {@code file}, then {@code commandLine}. Keys come back without the prefix.
     *
     * @throws IllegalArgumentException when a system property or the command line holds a secret
     */
    public static Map<String, String> merge(Properties systemProperties, Properties file, Map<String, String> commandLine) {
        Map<String, String> config = new LinkedHashMap<>();
        systemProperties.stringPropertyNames().stream().filter(key -> key.startsWith(PREFIX)).sorted()
                .forEach(key -> config.put(notSecret(key), systemProperties.getProperty(key)));
        file.stringPropertyNames().stream().sorted()
                .forEach(key -> config.put(stripPrefix(key), file.getProperty(key)));
        commandLine.forEach((key, value) -> config.put(notSecret(key), value));
        return config;
    }

    /** A pass-through key without its optional {@code kafka.} prefix. */
    public static String stripPrefix(String key) {
        return key.startsWith(PREFIX) ? key.substring(PREFIX.length()) : key;
    }

    private static String notSecret(String key) {
        String plain = stripPrefix(key);
        if (SECRET_KEYS.contains(plain)) {
            throw new IllegalArgumentException(plain + " is a secret: put it in the file named by " + FILE_OPTION
                    + ", not on a command line");
        }
        return plain;
    }
}
