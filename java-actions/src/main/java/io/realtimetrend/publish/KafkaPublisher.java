package io.realtimetrend.publish;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Sends one record and waits for the broker's acknowledgement within the configured bound. */
public final class KafkaPublisher {

    /** Where the record landed. */
    public record Delivery(String topic, int partition, long offset) {
    }

    private final ProducerSettings settings;

    public KafkaPublisher(ProducerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings is null");
    }

    /** Sends {@code value} under {@code key}; throws with a clear message when it was not acknowledged in time. */
    public Delivery send(String topic, String key, byte[] value) throws PublishException {
        KafkaProducer<String, byte[]> producer;
        try {
            producer = new KafkaProducer<>(settings.toProperties(), new StringSerializer(), new ByteArraySerializer());
        } catch (RuntimeException e) {
            throw new PublishException("invalid producer configuration: " + rootMessage(e), e);
        }
        boolean sent = false;
        try {
            RecordMetadata metadata = producer.send(new ProducerRecord<>(topic, key, value))
                    .get(settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            sent = true;
            return new Delivery(metadata.topic(), metadata.partition(), metadata.offset());
        } catch (ExecutionException | org.apache.kafka.common.KafkaException | java.util.concurrent.TimeoutException e) {
            throw new PublishException("not acknowledged by " + settings.bootstrapServers() + " within "
                    + settings.timeout().toSeconds() + " s: " + rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while sending to " + topic, e);
        } finally {
            producer.close(sent ? Duration.ofSeconds(5) : Duration.ZERO);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return Objects.toString(root.getMessage(), root.getClass().getSimpleName());
    }
}
