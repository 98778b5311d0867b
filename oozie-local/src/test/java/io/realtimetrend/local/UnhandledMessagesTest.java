package io.realtimetrend.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The live run's wait at {@code --to}: a message handled before its workflow's end was seen is not awaited. */
class UnhandledMessagesTest {

    private static final String KEY = "2026-12-06T20:10:00+09:00";

    @Test
    void aMessageHandledBeforeItsWorkflowsEndIsNotPending() {
        UnhandledMessages messages = new UnhandledMessages();
        messages.published(KEY);
        messages.serverSaid("recent_topics-0@1 key " + KEY + ": SENT");
        // the next slot republishes the same window; the server handles it before the run sees that slot's end
        messages.serverSaid("recent_topics-0@2 key " + KEY + ": ALREADY_SENT");
        assertThat(messages.pending()).isEmpty();
        messages.published(KEY);

        assertThat(messages.pending()).isEmpty();
    }

    @Test
    void aPublishedMessageIsPendingUntilTheServerSaysWhatItDidWithIt() {
        UnhandledMessages messages = new UnhandledMessages();
        messages.serverSaid("reading recent_topics-0 from offset 1");
        messages.published(KEY);
        messages.published(KEY);
        messages.serverSaid("recent_topics-0@1 key " + KEY + ": SENT");

        assertThat(messages.pending()).contains(KEY);
        messages.serverSaid("recent_topics-0@2 key " + KEY + ": ALREADY_SENT");
        assertThat(messages.pending()).isEmpty();
    }

    @Test
    void aMessageLeftUncommittedByAFailureIsStillPending() {
        UnhandledMessages messages = new UnhandledMessages();
        messages.published(KEY);
        messages.serverSaid("recent_topics-0@1 key " + KEY + ": Kakao refused to send: HTTP 403, Kakao code -3: "
                + "App disabled; nothing committed");
        messages.serverSaid("recent_topics-0@1 key " + KEY + ": Kakao unavailable: HTTP 503; nothing committed, pausing PT30S");
        assertThat(messages.pending()).contains(KEY);

        messages.serverSaid("recent_topics-0@1 key " + KEY + ": IN_DOUBT: no answer from Kakao within PT10S; not resent, committed");
        assertThat(messages.pending()).isEmpty();
    }
}
