package io.realtimetrend.kakao;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/** Kakao's text template for a trend: the text fitted to 200 characters, a link and a button. */
public record KakaoTemplate(String linkUrl) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public KakaoTemplate {
        Objects.requireNonNull(linkUrl, "linkUrl is null");
    }

    /** The {@code template_object} JSON for {@code text}. */
    public String render(String text) {
        ObjectNode template = JSON.createObjectNode();
        template.put("object_type", "text");
        template.put("text", KakaoText.fit(text, KakaoText.LIMIT));
        ObjectNode link = template.putObject("link");
        link.put("web_url", linkUrl);
        link.put("mobile_web_url", linkUrl);
        template.put("button_title", "바로 확인");
        return template.toString();
    }
}
