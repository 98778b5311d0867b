package io.realtimetrend.crawl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads the ranking from the site's JSON endpoint ({@code {"top10":[{"rank":…,"keyword":…,"state":…}]}}) over
 * plain HTTP, for nodes without any browser. Yields the same rows as {@link BrowserRankingSource}.
 */
public final class JsonApiRankingSource implements RankingSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI apiUrl;
    private final Duration timeout;
    private final HttpClient http;

    public JsonApiRankingSource(URI apiUrl, Duration timeout) {
        this.apiUrl = Objects.requireNonNull(apiUrl, "apiUrl is null");
        this.timeout = Objects.requireNonNull(timeout, "timeout is null");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public List<RawEntry> read() throws InvalidRankingException, TransientCrawlException {
        HttpResponse<String> response = fetch();
        if (response.statusCode() >= 500 || response.statusCode() == 429) {
            throw new TransientCrawlException("API " + apiUrl + " answered HTTP " + response.statusCode(), null);
        }
        if (response.statusCode() != 200) {
            throw new InvalidRankingException("API " + apiUrl + " answered HTTP " + response.statusCode());
        }
        return parse(response.body());
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

    private HttpResponse<String> fetch() throws TransientCrawlException {
        HttpRequest request = HttpRequest.newBuilder(apiUrl).timeout(timeout)
                .header("Accept", "application/json").GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TransientCrawlException("API " + apiUrl + " could not be read: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientCrawlException("interrupted while reading " + apiUrl, e);
        }
    }
}
