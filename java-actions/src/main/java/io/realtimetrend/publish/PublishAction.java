package io.realtimetrend.publish;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.realtimetrend.action.ActionOutput;
import io.realtimetrend.contract.CommandLines;
import io.realtimetrend.contract.DataLayout;
import io.realtimetrend.contract.KafkaClientProperties;
import io.realtimetrend.contract.StageOptions;
import io.realtimetrend.contract.TrendMessageFormat;
import io.realtimetrend.contract.TrendRow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The publish action (Oozie java action and {@code bin/realtime-trend publish}): sends the trend of the window
 * ending at the nominal time to Kafka as the contract's JSON message and prints it.
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Sends the window's trends as versioned JSON to Kafka (CONTRACT.md section 4).")
public final class PublishAction implements Callable<Integer> {

    /** UTF-8 JSON with emoji written as characters, not as escaped surrogate pairs. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    /** The nominal time is the window's end. */
    @Mixin
    StageOptions stage;

    @Option(names = "--bootstrap-servers", required = true, description = "Kafka brokers, HOST:PORT[,HOST:PORT].")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = TrendMessageFormat.DEFAULT_TOPIC, description = "Topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--top-n", defaultValue = "10", description = "Items in the message (default: ${DEFAULT-VALUE}).")
    int topN;

    @Option(names = "--timeout", defaultValue = "PT30S", description = "Bound on delivery and acknowledgement, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--kafka-properties", description = "Properties file (local or Hadoop URI) of producer settings, secrets included (SASL/SSL); keys plain or 'kafka.'-prefixed. Empty or 'none': none.")
    String kafkaPropertiesFile;

    @Option(names = "--kafka", description = "A producer property KEY=VALUE (repeatable; no secrets: those go in --kafka-properties).")
    Map<String, String> kafka = new LinkedHashMap<>();

    public static void main(String[] args) {
        CommandLines.main(new PublishAction(), args);
    }

    @Override
    public Integer call() throws Exception {
        ZonedDateTime windowEnd = stage.slot().start();
        DataLayout layout = stage.layout();
        Configuration conf = new Configuration();

        List<TrendRow> rows = TrendsFile.read(conf, new Path(layout.trendsFile(windowEnd)), windowEnd);
        TrendMessage message = new MessageBuilder(topN).build(windowEnd, rows, layout.trendsDir(windowEnd));
        byte[] value = JSON.writeValueAsBytes(message);
        ProducerSettings settings = new ProducerSettings(bootstrapServers, timeout, passThrough(conf));
        KafkaPublisher.Delivery delivery = new KafkaPublisher(settings).send(topic, message.windowEnd(), value);

        new ActionOutput().put("topic", delivery.topic()).put("partition", delivery.partition())
                .put("offset", delivery.offset()).put("key", message.windowEnd()).put("items", message.items().size())
                .put("snapshots", message.snapshots()).publish();
        System.out.println(new String(value, StandardCharsets.UTF_8));
        return 0;
    }

    /** System properties {@code kafka.*}, then the properties file, then {@code --kafka}; secrets only from the file. */
    private Map<String, String> passThrough(Configuration conf) throws IOException {
        Properties file = new Properties();
        if (kafkaPropertiesFile != null && !kafkaPropertiesFile.isBlank() && !kafkaPropertiesFile.equalsIgnoreCase("none")) {
            Path path = new Path(kafkaPropertiesFile);
            try (InputStream in = path.getFileSystem(conf).open(path)) {
                file.load(in);
            }
        }
        return KafkaClientProperties.merge(System.getProperties(), file, kafka);
    }
}
