package io.realtimetrend.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * signal.bz for the offline demo: bundled recorded pages on 127.0.0.1, one per slot of the hour (the ranking
 * moving the way the real site's does), served in turn at {@code /}: the n-th crawl gets the n-th page (other paths,
 * such as the browser's favicon request, are 404 and do not count).
 */
public final class DemoSite implements AutoCloseable {

    private final HttpServer server;
    private final List<byte[]> pages = new ArrayList<>();
    private final AtomicInteger served = new AtomicInteger();

    /** Serves slot-1 … slot-6; {@code brokenSlot} (1-based, 0 for none) gets a page whose layout changed. */
    public DemoSite(int brokenSlot) throws IOException {
        for (int slot = 1; slot <= 6; slot++) {
            pages.add(resource(slot == brokenSlot ? "layout-changed.html" : "slot-" + slot + ".html"));
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void serve(HttpExchange exchange) throws IOException {
        if (!"/".equals(exchange.getRequestURI().getPath())) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        byte[] page = pages.get(Math.floorMod(served.getAndIncrement(), pages.size()));
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, page.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(page);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DemoSite.class.getResourceAsStream("demo/" + name)) {
            if (in == null) {
                throw new IOException("demo page " + name + " is not bundled");
            }
            return in.readAllBytes();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
