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
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * signal.bz as tests see it: recorded pages from the classpath under {@code /pages/NAME.html} (or the HTTP statuses
 * queued for them), and a JSON API under {@code /api} answering the queued responses in order (the last one
 * repeats). Faults: a page whose server never answers, an API that trickles its body. Bound to 127.0.0.1 only.
 */
public final class FixtureSite implements AutoCloseable {

    /** One queued answer of the JSON API. */
    public record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final String resourceRoot;
    /** The trickling API's pace: far slower than any deadline a test sets. */
    private static final Duration TRICKLE_INTERVAL = Duration.ofSeconds(10);

    private final Deque<Answer> apiAnswers = new ArrayDeque<>();
    private final Map<String, Deque<Integer>> pageStatuses = new HashMap<>();
    private final Map<String, Integer> pageRequests = new HashMap<>();
    private final ExecutorService handlers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fixture-site");
        thread.setDaemon(true);
        return thread;
    });
    private final CountDownLatch closed = new CountDownLatch(1);
    private int apiRequests;
    private int heldRequests;

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
        server.createContext("/hang/", this::hang);
        server.createContext("/trickle/", this::trickle);
        // one thread per request: a held request must not hold the others
        server.setExecutor(handlers);
        server.start();
    }

    /** URL of a recorded page. */
    public URI page(String name) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/pages/" + name + ".html");
    }

    /** URL of a page whose server takes the request and never answers (until the site is closed). */
    public URI hangingPage() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hang/ranking.html");
    }

    /** URL of a JSON API that answers 200 at once, then sends its body one byte every 10 s. */
    public URI tricklingApi() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/trickle/news/realtime");
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

    /**
     * Makes page {@code name} answer these HTTP statuses, one per request, in order (the last one repeats); 200
     * serves the recorded page, any other status a small error page.
     */
    public synchronized FixtureSite pageStatuses(String name, int... statuses) {
        Deque<Integer> queue = pageStatuses.computeIfAbsent(name + ".html", n -> new ArrayDeque<>());
        Arrays.stream(statuses).forEach(queue::addLast);
        return this;
    }

    /** How many requests page {@code name} got. */
    public synchronized int pageRequests(String name) {
        return pageRequests.getOrDefault(name + ".html", 0);
    }

    /** How many requests the hanging page is holding or held. */
    public synchronized int heldRequests() {
        return heldRequests;
    }

    /** How many API requests arrived. */
    public synchronized int apiRequests() {
        return apiRequests;
    }

    private void page(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring("/pages/".length());
        int status;
        synchronized (this) {
            pageRequests.merge(name, 1, Integer::sum);
            Deque<Integer> queue = pageStatuses.getOrDefault(name, new ArrayDeque<>(List.of(200)));
            status = queue.size() > 1 ? queue.removeFirst() : queue.getFirst();
        }
        if (status != 200) {
            send(exchange, status, "text/html; charset=utf-8",
                    ("<!DOCTYPE html><html><body><h1>HTTP " + status + "</h1></body></html>").getBytes(StandardCharsets.UTF_8));
            return;
        }
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

    private void hang(HttpExchange exchange) throws IOException {
        synchronized (this) {
            heldRequests++;
        }
        try (exchange) {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void trickle(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, 0); // chunked: the body's end is never announced
        try (OutputStream out = exchange.getResponseBody()) {
            do {
                out.write('{');
                out.flush();
            } while (!closed.await(TRICKLE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // the crawl gave up on it, as it should
        }
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
        closed.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }
}
