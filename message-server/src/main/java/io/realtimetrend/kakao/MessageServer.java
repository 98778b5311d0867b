package io.realtimetrend.kakao;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer loop. A record's offset is committed only once it is sent, skipped for a stated reason, in doubt
 * (never resent), or on the dead-letter topic. When the messenger cannot take a message now, every partition of the poll batch is rewound to
 * its first unhandled record and the whole consumer pauses (still polling, so it stays in its group); when the
 * messenger refuses this sender, the loop stops with nothing of that record committed. {@link #stop} (SIGTERM) lets
 * the message in flight finish and be committed, then closes.
 */
public final class MessageServer implements Runnable {

    /** How long the consumer pauses after a message could not be sent now. */
    public record Pauses(Duration afterFailure, Duration afterQuota) {

        public Pauses {
            Objects.requireNonNull(afterFailure, "afterFailure is null");
            Objects.requireNonNull(afterQuota, "afterQuota is null");
        }
    }

    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaConsumer<String, byte[]> consumer;
    private final DeadLetterTopic deadLetters;
    private final String topic;
    private final Deliverer deliverer;
    private final Pauses pauses;
    private final Clock clock;
    private final Consumer<String> log;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Exception fatal;
    private Instant pausedUntil;

    public MessageServer(KafkaConsumer<String, byte[]> consumer, DeadLetterTopic deadLetters, String topic,
                         Deliverer deliverer, Pauses pauses, Clock clock, Consumer<String> log) {
        this.consumer = Objects.requireNonNull(consumer, "consumer is null");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters is null");
        this.topic = Objects.requireNonNull(topic, "topic is null");
        this.deliverer = Objects.requireNonNull(deliverer, "deliverer is null");
        this.pauses = Objects.requireNonNull(pauses, "pauses is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.log = Objects.requireNonNull(log, "log is null");
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic), new PositionLogger());
            while (running) {
                if (!waitingOutPause()) {
                    handle(consumer.poll(POLL));
                }
            }
        } catch (SendRefusedException | IOException | RuntimeException e) {
            fatal = e;
            log.accept("message-server stopped: " + e.getMessage());
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            deadLetters.close();
            stopped.countDown();
        }
    }

    /**
     * Asks the loop to stop after the message in flight (its offset committed) and waits for it to close.
     *
     * @return whether it stopped within {@code timeout}
     */
    public boolean stop(Duration timeout) throws InterruptedException {
        running = false;
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the loop has not ended yet. */
    public boolean isRunning() {
        return stopped.getCount() > 0;
    }

    /** The error that stopped the server, if any. */
    public Exception fatal() {
        return fatal;
    }

    /**
     * While a pause lasts: polls with every partition paused and returns true. A rebalance inside that poll assigns
     * partitions unpaused; {@link PositionLogger} pauses them at once, and any record a poll still returns is
     * rewound, never dropped.
     */
    private boolean waitingOutPause() {
        if (pausedUntil == null) {
            return false;
        }
        if (clock.instant().isBefore(pausedUntil)) {
            consumer.pause(consumer.assignment());
            List<ConsumerRecord<String, byte[]>> returned = new ArrayList<>();
            consumer.poll(POLL).forEach(returned::add);
            rewind(returned);
            return true;
        }
        consumer.resume(consumer.paused());
        pausedUntil = null;
        log.accept("resuming after the pause");
        return false;
    }

    private void handle(ConsumerRecords<String, byte[]> batch) throws SendRefusedException, IOException {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(batch.count());
        batch.forEach(records::add);
        for (int i = 0; i < records.size() && running; i++) {
            Optional<Duration> pause = handle(records.get(i));
            if (pause.isPresent()) {
                rewind(records.subList(i, records.size()));
                pausedUntil = clock.instant().plus(pause.get());
                return;
            }
        }
    }

    /** @return the pause to take when the record could not be sent now (it stays uncommitted) */
    private Optional<Duration> handle(ConsumerRecord<String, byte[]> record) throws SendRefusedException, IOException {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset() + " key " + record.key();
        try {
            TrendNotice notice = TrendNotice.parse(record.key(), record.value(), Instant.ofEpochMilli(record.timestamp()));
            log.accept(where + ": " + deliverer.deliver(notice));
        } catch (UndeliverableException e) {
            log.accept(where + ": " + deadLetters.send(record, e.getMessage()));
        } catch (DeliveryInDoubtException e) {
            log.accept(where + ": " + Outcome.IN_DOUBT + ": " + e.getMessage() + "; not resent, committed");
        } catch (UnavailableException e) {
            log.accept(where + ": " + e.getMessage() + "; nothing committed, pausing " + pauses.afterFailure());
            return Optional.of(pauses.afterFailure());
        } catch (QuotaExceededException e) {
            log.accept(where + ": " + e.getMessage() + "; nothing committed, pausing " + pauses.afterQuota());
            return Optional.of(pauses.afterQuota());
        } catch (SendRefusedException e) {
            log.accept(where + ": " + e.getMessage() + "; nothing committed");
            throw e;
        }
        consumer.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                new OffsetAndMetadata(record.offset() + 1)));
        return Optional.empty();
    }

    /** Seeks every partition with unhandled records back to its first one, so the next poll returns them again. */
    private void rewind(List<ConsumerRecord<String, byte[]>> unhandled) {
        Map<TopicPartition, Long> first = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : unhandled) {
            first.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
        }
        first.forEach(consumer::seek);
    }

    /** Logs where reading starts on each assigned partition (resolving a new group's position right away). */
    private final class PositionLogger implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                log.accept("reading " + partition + " from offset " + consumer.position(partition));
            }
            if (pausedUntil != null && !partitions.isEmpty()) {
                consumer.pause(partitions);
                log.accept("paused " + partitions + " until the pause ends (assigned during it)");
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // offsets are committed per record; nothing is pending here
        }
    }
}
