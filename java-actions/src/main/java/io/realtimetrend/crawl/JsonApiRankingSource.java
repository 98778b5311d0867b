package io.realtimetrend.crawl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the ranking from the site's JSON endpoint ({@code {"top10":[{"rank":…,"keyword":…,"state":…}]}}) over
 * plain HTTP, for nodes without any browser. Yields the same rows as {@link BrowserRankingSource}. The whole
 * response, headers and body, must arrive within {@code timeout} and the crawl's deadline, and the body may hold
 * at most {@link #MAX_BODY_BYTES}: a server that trickles or floods cannot hold the crawl.
 */
public final class JsonApiRankingSource implements RankingSource {

    /** The payload is about 2 KiB; anything near this is not the ranking. */
    public static final int MAX_BODY_BYTES = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI apiUrl;
    private final Duration timeout;

    /** {@code timeout} bounds one request; the crawl's deadline bounds all of them. */
    public JsonApiRankingSource(URI apiUrl, Duration timeout) {
        this.apiUrl = Objects.requireNonNull(apiUrl, "apiUrl is null");
        this.timeout = Objects.requireNonNull(timeout, "timeout is null");
    }

    @Override
    public List<RawEntry> read(Deadline deadline) throws InvalidRankingException, TransientCrawlException {
        HttpResponse<byte[]> response = fetch(deadline);
        if (response.statusCode() >= 500 || response.statusCode() == 429) {
            throw new TransientCrawlException("API " + apiUrl + " answered HTTP " + response.statusCode(), null);
        }
        if (response.statusCode() != 200) {
            throw new InvalidRankingException("API " + apiUrl + " answered HTTP " + response.statusCode());
        }
        return parse(new String(response.body(), StandardCharsets.UTF_8));
    }

    /** The rows of a payload, or why it is not one. Public for tests of hard payloads. */
    public static List<RawEntry> parse(String body) throws InvalidRankingException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidRankingException("API payload is not JSON: " + e.getOriginalMessage());
        }
        JsonNode top = root == null ? null : root.get("top10");
        if (top == null || !top.isArray()) {
            throw new InvalidRankingException("API payload has no 'top10' array (API changed?)");
        }
        List<RawEntry> rows = new ArrayList<>(top.size());
        for (JsonNode item : top) {
            if (!item.isObject()) {
                throw new InvalidRankingException("API payload: top10 entry " + (rows.size() + 1) + " is not an object");
            }
            rows.add(new RawEntry(item.path("rank").asText(""), item.path("keyword").asText(""),
                    item.path("state").asText("")));
        }
        return rows;
    }

    private HttpResponse<byte[]> fetch(Deadline deadline) throws InvalidRankingException, TransientCrawlException {
        Duration bound = deadline.cap(timeout);
        if (bound.isZero()) {
            throw deadline.exceeded("API " + apiUrl, null);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(bound)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        // the request timeout ends at the headers; the future below completes only with the whole body
        HttpRequest request = HttpRequest.newBuilder(apiUrl).timeout(bound)
                .header("Accept", "application/json").GET().build();
        CompletableFuture<HttpResponse<byte[]>> response = http.sendAsync(request, info -> new CappedBody());
        try {
            return response.get(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            response.cancel(true);
            throw deadline.expired() ? deadline.exceeded("API " + apiUrl, e)
                    : new TransientCrawlException("API " + apiUrl + " did not answer within " + timeout.toSeconds()
                    + " s", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BodyTooLargeException) {
                throw new InvalidRankingException("API " + apiUrl + " answered more than " + MAX_BODY_BYTES
                        + " bytes: not the ranking payload");
            }
            if (e.getCause() instanceof HttpTimeoutException && deadline.expired()) {
                throw deadline.exceeded("API " + apiUrl, e.getCause());
            }
            throw new TransientCrawlException("API " + apiUrl + " could not be read: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            throw new TransientCrawlException("interrupted while reading " + apiUrl, e);
        }
    }

    /** Signals a body past the cap; never leaves this class. */
    private static final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /** Collects the body, and cancels the exchange as soon as it grows past {@link #MAX_BODY_BYTES}. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + buffer.remaining() > MAX_BODY_BYTES) {
                    subscription.cancel();
                    body.completeExceptionally(new BodyTooLargeException());
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable error) {
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toByteArray());
        }
    }
}
