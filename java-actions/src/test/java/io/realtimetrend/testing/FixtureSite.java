package io.realtimetrend.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * signal.bz as tests see it: recorded pages from the classpath under {@code /pages/NAME.html}, and a JSON API under
 * {@code /api} answering the queued responses in order (the last one repeats). Bound to 127.0.0.1 only.
 */
public final class FixtureSite implements AutoCloseable {

    /** One queued answer of the JSON API. */
    public record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final String resourceRoot;
    private final Deque<Answer> apiAnswers = new ArrayDeque<>();
    private int apiRequests;

    /** Serves pages found on the classpath under {@code resourceRoot} (e.g. {@code /io/realtimetrend/crawl/pages}). */
    public FixtureSite(String resourceRoot) {
        this.resourceRoot = resourceRoot;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/pages/", this::page);
        server.createContext("/api", this::api);
        server.start();
    }

    /** URL of a recorded page. */
    public URI page(String name) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/pages/" + name + ".html");
    }

    /** URL of the JSON API. */
    public URI api() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/news/realtime");
    }

    /** Queues the API's next answer. */
    public synchronized FixtureSite answer(int status, String body) {
        apiAnswers.addLast(new Answer(status, body));
        return this;
    }

    /** How many API requests arrived. */
    public synchronized int apiRequests() {
        return apiRequests;
    }

    private void page(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring("/pages/".length());
        try (InputStream in = FixtureSite.class.getResourceAsStream(resourceRoot + "/" + name)) {
            if (in == null) {
                send(exchange, 404, "text/plain", ("no fixture " + name).getBytes(StandardCharsets.UTF_8));
            } else {
                send(exchange, 200, "text/html; charset=utf-8", in.readAllBytes());
            }
        }
    }

    private void api(HttpExchange exchange) throws IOException {
        Answer answer;
        synchronized (this) {
            apiRequests++;
            answer = apiAnswers.size() > 1 ? apiAnswers.removeFirst() : apiAnswers.peekFirst();
        }
        if (answer == null) {
            answer = new Answer(404, "{}");
        }
        send(exchange, answer.status(), "application/json; charset=utf-8", answer.body().getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
