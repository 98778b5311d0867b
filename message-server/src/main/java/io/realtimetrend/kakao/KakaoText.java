package io.realtimetrend.kakao;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits a trend text to Kakao's limit for text templates (200 characters): whole items are dropped from the
 * bottom and the text ends with {@code …}, so a keyword is never cut.
 */
public final class KakaoText {

    /** Kakao's limit on a text template's {@code text}. */
    public static final int LIMIT = 200;
    private static final String ELLIPSIS = "…";
    private static final int HEADER_LINES = 2;

    private KakaoText() {
    }

    /** {@code text} unchanged when it fits in {@code limit} characters, else shortened as described above. */
    public static String fit(String text, int limit) {
        if (length(text) <= limit) {
            return text;
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        while (lines.size() > HEADER_LINES) {
            lines.remove(lines.size() - 1);
            String candidate = String.join("\n", lines) + "\n" + ELLIPSIS;
            if (length(candidate) <= limit) {
                return candidate;
            }
        }
        int keep = text.offsetByCodePoints(0, limit - 1);
        return text.substring(0, keep) + ELLIPSIS;
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
