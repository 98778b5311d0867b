package io.realtimetrend.kakao;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Kakao's API and auth servers on 127.0.0.1: records every request and answers scripted responses. */
final class FakeKakao implements AutoCloseable {

    /** One request as received. */
    record Request(String method, String path, String authorization, String contentType, Map<String, String> form,
                   long nanoTime) {
    }

    /** A scripted answer to one send: HTTP status, Kakao's error code and message, and a delay before answering. */
    record Answer(int status, int code, String message, long delayMillis) {

        static Answer status(int status) {
            return new Answer(status, -status, "error", 0);
        }

        static Answer kakao(int status, int code, String message) {
            return new Answer(status, code, message, 0);
        }

        static Answer slowOk(long delayMillis) {
            return new Answer(200, 0, "", delayMillis);
        }
    }

    private final HttpServer server;
    /** One thread per request, so a slow answer does not hold back the next request (as on Kakao's servers). */
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Answer> sendAnswers = new ArrayDeque<>();
    private final List<String> delivered = new ArrayList<>();
    private String refreshAnswer = "{\"access_token\":\"access-2\",\"token_type\":\"bearer\",\"refresh_token\":\"refresh-2\",\"expires_in\":21599}";

    FakeKakao() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v2/api/talk/memo/default/send", this::send);
        server.createContext("/oauth/token", this::token);
        server.setExecutor(handlers);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next send calls answer these statuses, in order; afterwards 200 with result_code 0. */
    synchronized FakeKakao answerSends(int... statuses) {
        for (int status : statuses) {
            sendAnswers.add(Answer.status(status));
        }
        return this;
    }

    /** The next send calls get these answers, in order; afterwards 200 with result_code 0. */
    synchronized FakeKakao answerSends(Answer... answers) {
        sendAnswers.addAll(List.of(answers));
        return this;
    }

    /** The texts of the templates answered with 200, in order: what reached the chat. */
    synchronized List<String> delivered() {
        return List.copyOf(delivered);
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized List<Request> sends() {
        return requests.stream().filter(r -> r.path().endsWith("/send")).toList();
    }

    private void send(HttpExchange exchange) throws IOException {
        Request request = record(exchange);
        Answer answer;
        synchronized (this) {
            Answer scripted = sendAnswers.pollFirst();
            answer = scripted == null ? Answer.slowOk(0) : scripted;
        }
        if (answer.status() == 200 && !"Bearer access-1".equals(request.authorization())
                && !"Bearer access-2".equals(request.authorization())) {
            answer = Answer.kakao(401, -401, "this access token does not exist");
        }
        sleep(answer.delayMillis());
        if (answer.status() == 200) {
            synchronized (this) {
                delivered.add(new ObjectMapper().readTree(request.form().get("template_object")).path("text").asText());
            }
        }
        respond(exchange, answer.status(), answer.status() == 200 ? "{\"result_code\":0}"
                : "{\"msg\":\"" + answer.message() + "\",\"code\":" + answer.code() + "}");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        record(exchange);
        respond(exchange, 200, refreshAnswer);
    }

    private Request record(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (!pair.isEmpty()) {
                String[] kv = pair.split("=", 2);
                form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("Content-Type"),
                form, System.nanoTime());
        synchronized (this) {
            requests.add(request);
        }
        return request;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
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
        handlers.shutdownNow();
    }
}
