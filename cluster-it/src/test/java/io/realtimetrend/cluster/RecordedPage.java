package io.realtimetrend.cluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;

/**
 * signal.bz for the cluster test: one recorded page (a resource beside this class, under {@code pages/}) served at
 * {@code /} on 127.0.0.1 only, where the crawl's Chromium in the YARN container reads it. Other paths (the
 * browser's favicon) are 404.
 */
public final class RecordedPage implements AutoCloseable {

    private final HttpServer server;
    private final byte[] page;

    /** Serves {@code pages/<name>}. */
    public RecordedPage(String name) throws IOException {
        Objects.requireNonNull(name, "name is null");
        try (InputStream in = RecordedPage.class.getResourceAsStream("pages/" + name)) {
            if (in == null) {
                throw new IOException("no recorded page " + name);
            }
            page = in.readAllBytes();
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"/".equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
