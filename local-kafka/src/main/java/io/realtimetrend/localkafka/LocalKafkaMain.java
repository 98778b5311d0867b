package io.realtimetrend.localkafka;

import io.realtimetrend.contract.LoopbackPort;
import io.realtimetrend.contract.ServiceReady;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code LocalKafkaMain <dir> [port]}: the {@link LocalKafka} broker under {@code dir} on {@code port} (default a
 * free one); prints {@code ready <bootstrap servers>} once it takes requests and runs until killed (SIGTERM shuts it
 * down cleanly).
 */
public final class LocalKafkaMain {

    private LocalKafkaMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "local-kafka");
        int brokerPort = args.length > 1 ? Integer.parseInt(args[1]) : LoopbackPort.free();
        LocalKafka kafka = LocalKafka.start(dir, brokerPort, LoopbackPort.free(), Map.of());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            stopped.countDown();
        }, "local-kafka-shutdown"));
        System.out.println(ServiceReady.line(kafka.bootstrapServers()));
        System.out.flush();
        stopped.await();
    }
}
