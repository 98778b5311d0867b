package io.realtimetrend.crawl;

import java.util.Locale;

/** The movement indicator beside a keyword; {@link #NONE} when the page shows none (or one we do not know). */
public enum KeywordState {
    UP("up"), DOWN("down"), SAME("same"), NEW("new"), NONE("");

    private final String csv;

    KeywordState(String csv) {
        this.csv = csv;
    }

    /** The contract's text: {@code up}, {@code down}, {@code same}, {@code new} or empty. */
    public String csv() {
        return csv;
    }

    /**
     * Maps an indicator (CSS classes plus text from the page, or the JSON API's {@code state}) to a state.
     * Words win over symbols: {@code new}, {@code up}/{@code ▲}/{@code +}, {@code down}/{@code ▼}/{@code -},
     * {@code same}/{@code s}/{@code =}/{@code –}; an unknown indicator is {@link #NONE}, never an error,
     * because the state is informative and must not cost a snapshot.
     */
    public static KeywordState fromIndicator(String indicator) {
        String text = indicator == null ? "" : indicator.toLowerCase(Locale.ROOT).trim();
        if (text.isEmpty()) {
            return NONE;
        }
        for (String token : text.split("[\\s,]+")) {
            switch (token) {
                case "new", "n" -> { return NEW; }
                case "up", "increase", "▲", "+" -> { return UP; }
                case "down", "decrease", "▼", "-" -> { return DOWN; }
                case "same", "s", "=", "–", "stay" -> { return SAME; }
                default -> { }
            }
        }
        return NONE;
    }
}
