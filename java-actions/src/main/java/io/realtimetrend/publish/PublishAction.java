package io.realtimetrend.publish;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.realtimetrend.action.ActionOutput;
import io.realtimetrend.contract.CommandLines;
import io.realtimetrend.contract.DataLayout;
import io.realtimetrend.contract.KafkaOptions;
import io.realtimetrend.contract.StageOptions;
import io.realtimetrend.contract.TrendRow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
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
        description = "Sends the window's trends as versioned JSON to Kafka (docs/contract.md section 4).")
public final class PublishAction implements Callable<Integer> {

    /** UTF-8 JSON with emoji written as characters, not as escaped surrogate pairs. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    /** The nominal time is the window's end. */
    @Mixin StageOptions stage;

    @Mixin KafkaOptions kafka;

    @Option(names = "--top-n", defaultValue = "10", description = "Items in the message (default: ${DEFAULT-VALUE}).") int topN;
    @Option(names = "--timeout", defaultValue = "PT30S", description = "Bound on delivery and acknowledgement, ISO-8601 (default: ${DEFAULT-VALUE}).") Duration timeout;

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
        // --kafka-properties may name a local file or a Hadoop URI (e.g. a file beside the app on HDFS)
        Map<String, String> passThrough = kafka.clientProperties(location -> {
            Path path = new Path(location);
            return path.getFileSystem(conf).open(path);
        });
        ProducerSettings settings = new ProducerSettings(kafka.bootstrapServers(), timeout, passThrough);
        KafkaPublisher.Delivery delivery = new KafkaPublisher(settings).send(kafka.topic(), message.windowEnd(), value);

        new ActionOutput().put("topic", delivery.topic()).put("partition", delivery.partition())
                .put("offset", delivery.offset()).put("key", message.windowEnd()).put("items", message.items().size())
                .put("snapshots", message.snapshots()).publish();
        System.out.println(new String(value, StandardCharsets.UTF_8));
        return 0;
    }
}
