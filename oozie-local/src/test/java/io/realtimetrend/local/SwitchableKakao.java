package io.realtimetrend.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Kakao's "send to me" on 127.0.0.1 for a live run: refuses this sender (HTTP 403, code -3, the app's scope turned
 * off) until {@link #accept} is called, then accepts, keeping each delivered template object.
 */
final class SwitchableKakao implements AutoCloseable {

    private final HttpServer server;
    private volatile boolean accepting;
    private final List<String> delivered = new ArrayList<>();
    private int refused;

    SwitchableKakao() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/api/talk/memo/default/send", this::send);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void accept() {
        accepting = true;
    }

    synchronized List<String> delivered() {
        return List.copyOf(delivered);
    }

    synchronized int refused() {
        return refused;
    }

    private void send(HttpExchange exchange) throws IOException {
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String body;
        int status;
        synchronized (this) {
            if (accepting) {
                delivered.add(URLDecoder.decode(form, StandardCharsets.UTF_8));
                status = 200;
                body = "{\"result_code\":0}";
            } else {
                refused++;
                status = 403;
                body = "{\"msg\":\"App disabled [talk_message] scopes for [TALK_MEMO_DEFAULT_SEND] API\",\"code\":-3}";
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
