package io.realtimetrend.load;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A HiveServer2 as a service of its own (local mode starts it in a child JVM, as a cluster has one running):
 * {@code HiveServerMain <home> <port>} prints {@code ready <jdbc url>} once the port is open and runs until killed.
 */
public final class HiveServerMain {

    private HiveServerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: HiveServerMain <home> <port>");
            System.exit(2);
        }
        EmbeddedHiveServer server = EmbeddedHiveServer.start(Path.of(args[0]), Integer.parseInt(args[1]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "hiveserver2-shutdown"));
        System.out.println("ready " + server.jdbcUrl());
        System.out.flush();
        stopped.await();
    }
}
