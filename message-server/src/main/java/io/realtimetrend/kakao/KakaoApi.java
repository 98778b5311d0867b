package io.realtimetrend.kakao;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** Kakao's REST API: "send to me" ({@code /v2/api/talk/memo/default/send}) and the token refresh. */
public final class KakaoApi {

    /** Why a send did not succeed. */
    public enum Failure { UNAUTHORIZED }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI apiBase;
    private final URI authBase;
    private final String restApiKey;
    private final Optional<String> clientSecret;
    private final Duration timeout;
    private final HttpClient http;

    public KakaoApi(URI apiBase, URI authBase, String restApiKey, Optional<String> clientSecret, Duration timeout) {
        this.apiBase = Objects.requireNonNull(apiBase, "apiBase is null");
        this.authBase = Objects.requireNonNull(authBase, "authBase is null");
        this.restApiKey = Objects.requireNonNull(restApiKey, "restApiKey is null");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret is null");
        this.timeout = Objects.requireNonNull(timeout, "timeout is null");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * Sends a text template to the token owner's own chat.
     *
     * @return empty on success (HTTP 200, {@code result_code} 0), {@link Failure#UNAUTHORIZED} on 401
     * @throws UndeliverableException    on any other 4xx (a request Kakao will never accept)
     * @throws KakaoUnavailableException on 5xx, timeouts and connection errors
     */
    public Optional<Failure> sendToMe(String accessToken, String templateObject)
            throws UndeliverableException, KakaoUnavailableException {
        HttpResponse<String> response = post(apiBase.resolve("/v2/api/talk/memo/default/send"),
                Map.of("template_object", templateObject), Optional.of(accessToken));
        int status = response.statusCode();
        if (status == 401) {
            return Optional.of(Failure.UNAUTHORIZED);
        }
        if (status >= 500 || status == 429) {
            throw new KakaoUnavailableException("Kakao answered HTTP " + status + ": " + response.body(), null);
        }
        if (status != 200) {
            throw new UndeliverableException("Kakao rejected the message: HTTP " + status + ": " + response.body());
        }
        JsonNode body = readJson(response.body());
        if (body.path("result_code").asInt(-1) != 0) {
            throw new UndeliverableException("Kakao answered result_code " + body.path("result_code") + ": " + response.body());
        }
        return Optional.empty();
    }

    /** New tokens for {@code refreshToken}; the refresh token is kept when Kakao does not rotate it. */
    public Tokens refresh(String refreshToken) throws KakaoUnavailableException, AuthorizationException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", restApiKey);
        form.put("refresh_token", refreshToken);
        clientSecret.ifPresent(secret -> form.put("client_secret", secret));
        HttpResponse<String> response = post(authBase.resolve("/oauth/token"), form, Optional.empty());
        if (response.statusCode() >= 500) {
            throw new KakaoUnavailableException("token refresh: HTTP " + response.statusCode(), null);
        }
        if (response.statusCode() != 200) {
            throw new AuthorizationException("token refresh refused: HTTP " + response.statusCode() + ": "
                    + response.body() + " (re-authorize and rewrite the token file)");
        }
        JsonNode body;
        try {
            body = readJson(response.body());
        } catch (UndeliverableException e) {
            throw new AuthorizationException("token refresh: " + e.getMessage());
        }
        String access = body.path("access_token").asText("");
        if (access.isEmpty()) {
            throw new AuthorizationException("token refresh answered no access_token: " + response.body());
        }
        return new Tokens(access, body.path("refresh_token").asText(refreshToken));
    }

    private HttpResponse<String> post(URI uri, Map<String, String> form, Optional<String> bearer)
            throws KakaoUnavailableException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        bearer.ifPresent(token -> request.header("Authorization", "Bearer " + token));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new KakaoUnavailableException("Kakao not reachable at " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KakaoUnavailableException("interrupted while calling " + uri, e);
        }
    }

    private static JsonNode readJson(String body) throws UndeliverableException {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UndeliverableException("Kakao answered non-JSON: " + body);
        }
    }
}
