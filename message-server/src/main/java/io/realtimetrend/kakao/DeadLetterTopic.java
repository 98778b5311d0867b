package io.realtimetrend.kakao;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * Where messages that can never be sent go: the record's key and value with headers {@code dlq.reason} (bounded to
 * {@link #REASON_LIMIT} characters) and {@code dlq.source} ({@code topic-partition@offset}). A value too large for
 * the topic is left out (header {@code dlq.value-dropped}; the source topic still holds it), so one poison record can
 * never stop delivery.
 */
public final class DeadLetterTopic implements AutoCloseable {

    /** Characters of a reason kept in the header and the log line. */
    static final int REASON_LIMIT = 300;

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    public DeadLetterTopic(KafkaProducer<String, byte[]> producer, String topic) {
        this.producer = Objects.requireNonNull(producer, "producer is null");
        this.topic = Objects.requireNonNull(topic, "topic is null");
    }

    /**
     * Writes {@code record} with its reason, waiting for the broker's acknowledgement.
     *
     * @return the log line's account: {@code dead-lettered to <topic>: <reason>}, saying when the value was left out
     * @throws IllegalStateException when the topic cannot take it (the server stops with nothing committed)
     */
    public String send(ConsumerRecord<String, byte[]> record, String reason) {
        String source = record.topic() + "-" + record.partition() + "@" + record.offset();
        try {
            acknowledged(deadLetter(record.key(), record.value(), reason, source));
            return "dead-lettered to " + topic + ": " + bounded(reason);
        } catch (RecordTooLargeException e) {
            int size = record.value().length;
            ProducerRecord<String, byte[]> withoutValue = deadLetter(record.key(), null, reason, source);
            withoutValue.headers().add("dlq.value-dropped", (size + " bytes, too large for " + topic + "; read it at "
                    + source).getBytes(StandardCharsets.UTF_8));
            acknowledged(withoutValue);
            return "dead-lettered to " + topic + " without its value (" + size + " bytes, too large for it; "
                    + source + " keeps it): " + bounded(reason);
        }
    }

    private ProducerRecord<String, byte[]> deadLetter(String key, byte[] value, String reason, String source) {
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(topic, key, value);
        dead.headers().add("dlq.reason", bounded(reason).getBytes(StandardCharsets.UTF_8));
        dead.headers().add("dlq.source", source.getBytes(StandardCharsets.UTF_8));
        return dead;
    }

    /** Sends and waits; a record the topic refuses as too large is rethrown as such. */
    private void acknowledged(ProducerRecord<String, byte[]> dead) {
        try {
            producer.send(dead).get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RecordTooLargeException tooLarge) {
                throw tooLarge;
            }
            throw unavailable(e.getCause());
        } catch (TimeoutException e) {
            throw unavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        }
    }

    private IllegalStateException unavailable(Throwable cause) {
        return new IllegalStateException("dead-letter topic " + topic + " unavailable: " + cause, cause);
    }

    /** {@code text} cut to {@link #REASON_LIMIT} characters (whole code points), saying how long it was. */
    static String bounded(String text) {
        if (text.codePointCount(0, text.length()) <= REASON_LIMIT) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, REASON_LIMIT)) + "… (" + text.length() + " characters)";
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
