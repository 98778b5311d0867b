package io.realtimetrend.kakao;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
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

    /** How a send call ended when it did not throw. */
    public enum SendResult {
        /** HTTP 200, {@code result_code} 0. */
        SENT,
        /** HTTP 401: the access token expired or was revoked; refresh it and send again. */
        ACCESS_TOKEN_REFUSED
    }

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
     * Sends a text template to the token owner's own chat; every failure but a 401 is thrown as its type. A call that
     * never connected is {@link UnavailableException} (safe to retry); one that may have reached Kakao without its
     * answer reaching us (no answer within the timeout, a dropped connection, a gateway's 502 or 504) is
     * {@link DeliveryInDoubtException}: "send to me" has no idempotency key, so it must not be sent again.
     */
    public SendResult sendToMe(String accessToken, String templateObject) throws UndeliverableException,
            UnavailableException, QuotaExceededException, SendRefusedException, DeliveryInDoubtException {
        URI uri = apiBase.resolve("/v2/api/talk/memo/default/send");
        HttpResponse<String> response;
        try {
            response = post(uri, Map.of("template_object", templateObject), Optional.of(accessToken));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new UnavailableException("Kakao not reachable at " + uri + ": " + e, e);
        } catch (IOException e) {
            throw new DeliveryInDoubtException("no answer from Kakao within " + timeout + " (" + e
                    + "); it may have delivered the message", e);
        }
        if (response.statusCode() == 200) {
            JsonNode body = readJson(response.body());
            if (body != null && body.path("result_code").asInt(-1) == 0) {
                return SendResult.SENT;
            }
            throw new SendRefusedException("Kakao answered HTTP 200 without result_code 0: " + response.body());
        }
        KakaoError error = KakaoError.of(response.statusCode(), response.body());
        switch (error.disposition()) {
            case REFRESH_TOKEN:
                return SendResult.ACCESS_TOKEN_REFUSED;
            case IN_DOUBT:
                throw new DeliveryInDoubtException("Kakao's gateway answered " + error
                        + "; it may have delivered the message", null);
            case RETRY:
                throw new UnavailableException("Kakao unavailable: " + error, null);
            case QUOTA:
                throw new QuotaExceededException("Kakao quota exceeded: " + error);
            case DEAD_LETTER:
                throw new UndeliverableException("Kakao rejected the message: " + error);
            default:
                throw new SendRefusedException("Kakao refused to send: " + error
                        + " (check the app's settings and permissions on developers.kakao.com)");
        }
    }

    /** New tokens for {@code refreshToken}; the refresh token is kept when Kakao does not rotate it. */
    public Tokens refresh(String refreshToken) throws UnavailableException, SendRefusedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", restApiKey);
        form.put("refresh_token", refreshToken);
        clientSecret.ifPresent(secret -> form.put("client_secret", secret));
        URI uri = authBase.resolve("/oauth/token");
        HttpResponse<String> response;
        try {
            response = post(uri, form, Optional.empty());
        } catch (IOException e) {
            throw new UnavailableException("Kakao not reachable at " + uri + ": " + e, e);
        }
        if (response.statusCode() >= 500 || response.statusCode() == 429) {
            throw new UnavailableException("token refresh: " + KakaoError.of(response.statusCode(), response.body()), null);
        }
        if (response.statusCode() != 200) {
            throw new SendRefusedException("token refresh refused: " + KakaoError.of(response.statusCode(), response.body())
                    + " (re-authorize and rewrite the token file)");
        }
        JsonNode body = readJson(response.body());
        String access = body == null ? "" : body.path("access_token").asText("");
        if (access.isEmpty()) {
            throw new SendRefusedException("token refresh answered no access_token: " + response.body());
        }
        return new Tokens(access, body.path("refresh_token").asText(refreshToken));
    }

    /** POSTs the form; an interrupt is kept and reported as an {@link InterruptedIOException}. */
    private HttpResponse<String> post(URI uri, Map<String, String> form, Optional<String> bearer) throws IOException {
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while calling " + uri);
        }
    }

    /** The body as JSON, or null when it is not JSON. */
    private static JsonNode readJson(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
