package io.realtimetrend.contract;

import java.util.Objects;
import java.util.Optional;

/**
 * The line a service started in a JVM of its own (the Hive metastore, HiveServer2, the Kafka broker) prints on stdout
 * once it serves, {@code ready <address>}: what local mode and the tests wait for, and the address they then use.
 */
public final class ServiceReady {

    private static final String PREFIX = "ready ";

    private ServiceReady() {
    }

    /** The line to print once the service at {@code address} serves. */
    public static String line(String address) {
        return PREFIX + Objects.requireNonNull(address, "address is null");
    }

    /** The address a ready line announces; empty for any other line. */
    public static Optional<String> address(String line) {
        return line.startsWith(PREFIX) ? Optional.of(line.substring(PREFIX.length()).strip()) : Optional.empty();
    }
}
