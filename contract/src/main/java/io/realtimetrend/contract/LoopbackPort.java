package io.realtimetrend.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A port of 127.0.0.1 free a moment ago, for a service started on this machine (HiveServer2, a broker, a Grid). */
public final class LoopbackPort {

    private LoopbackPort() {
    }

    /** A port the kernel just handed out on the loopback address, and closed again. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback address", e);
        }
    }
}
