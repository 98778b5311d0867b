package io.realtimetrend.kakao;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The consumer loop: one record at a time, its offset committed only once it is sent, skipped for a reason, or on
 * the dead-letter topic; a transient Kakao failure leaves it uncommitted and retries it after a pause.
 * {@link #stop()} (SIGTERM) lets the in-flight message finish, commits, and closes.
 */
public final class MessageServer implements Runnable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> deadLetters;
    private final String topic;
    private final String deadLetterTopic;
    private final Deliverer deliverer;
    private final Duration pauseAfterFailure;
    private final Consumer<String> log;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Exception fatal;

    public MessageServer(KafkaConsumer<String, byte[]> consumer, KafkaProducer<String, byte[]> deadLetters, String topic,
                         String deadLetterTopic, Deliverer deliverer, Duration pauseAfterFailure, Consumer<String> log) {
        this.consumer = Objects.requireNonNull(consumer, "consumer is null");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters is null");
        this.topic = Objects.requireNonNull(topic, "topic is null");
        this.deadLetterTopic = Objects.requireNonNull(deadLetterTopic, "deadLetterTopic is null");
        this.deliverer = Objects.requireNonNull(deliverer, "deliverer is null");
        this.pauseAfterFailure = Objects.requireNonNull(pauseAfterFailure, "pauseAfterFailure is null");
        this.log = Objects.requireNonNull(log, "log is null");
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic));
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (!handle(record)) {
                        break;
                    }
                }
            }
        } catch (WakeupException e) {
            // stop() during poll: nothing in flight
        } catch (AuthorizationException | IOException | RuntimeException e) {
            fatal = e;
            log.accept("message-server stopped: " + e.getMessage());
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            deadLetters.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }

    /** Asks the loop to stop after the message in flight and waits for it to close. */
    public void stop() throws InterruptedException {
        running = false;
        consumer.wakeup();
        stopped.await(30, TimeUnit.SECONDS);
    }

    /** The error that stopped the server, if any. */
    public Exception fatal() {
        return fatal;
    }

    /** @return false when the record was not committed and the partition was rewound to it */
    private boolean handle(ConsumerRecord<String, byte[]> record) throws AuthorizationException, IOException {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset() + " key " + record.key();
        try {
            Outcome outcome = deliverer.deliver(TrendNotice.parse(record.key(), record.value()));
            log.accept(where + ": " + outcome);
        } catch (UndeliverableException e) {
            deadLetter(record, e.getMessage());
            log.accept(where + ": dead-lettered to " + deadLetterTopic + ": " + e.getMessage());
        } catch (KakaoUnavailableException e) {
            log.accept(where + ": Kakao unavailable, retrying in " + pauseAfterFailure.toSeconds() + " s: " + e.getMessage());
            consumer.seek(new TopicPartition(record.topic(), record.partition()), record.offset());
            sleep(pauseAfterFailure);
            return false;
        }
        commit(record);
        return true;
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(deadLetterTopic, record.key(), record.value());
        dead.headers().add("dlq.reason", reason.getBytes(StandardCharsets.UTF_8));
        dead.headers().add("dlq.source", (record.topic() + "-" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        try {
            deadLetters.send(dead).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("dead-letter topic " + deadLetterTopic + " unavailable: " + e.getMessage(), e);
        }
    }

    private void commit(ConsumerRecord<String, byte[]> record) {
        consumer.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                new OffsetAndMetadata(record.offset() + 1)));
    }

    private void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
